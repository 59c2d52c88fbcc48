# syntax=docker/dockerfile:1
# Build stage: install the locked dependencies into a virtualenv.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /build
COPY requirements/base.lock requirements/base.lock
RUN python -m venv /venv \
    && /venv/bin/pip install --require-hashes -r requirements/base.lock

# Runtime stage: slim, unprivileged, static files collected at build time. The container keeps
# no state of its own: the database, Redis and (MEDIA_STORAGE=s3, AWS_STORAGE_BUCKET_NAME,
# AWS_S3_ENDPOINT_URL...; README: Production topology) the object storage hold everything, so any
# number of containers may run from this image. Without a bucket, uploads go to MEDIA_ROOT:
# mount a volume there (compose's `media`), shared by the web and worker containers.
FROM python:3.11-slim-bookworm AS runtime
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=infant_mh.settings.production \
    HOST=0.0.0.0 \
    PORT=8000 \
    MEDIA_ROOT=/data/media \
    STATIC_ROOT=/app/staticfiles
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /data/media /srv/edge-pages \
    && chown app:app /data/media /srv/edge-pages
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=app:app . .
# collectstatic only needs settings to load: throwaway values, never used at run time. The app's
# bytecode is compiled here, once (PYTHONDONTWRITEBYTECODE: no worker writes it at run time).
RUN SECRET_KEY=collectstatic-only-build-value-0123456789abcdefghijklmnopqrstuvwxyz \
    ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --noinput -v0 \
    && python -m compileall -q .
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
CMD ["gunicorn", "-c", "infant_mh/gunicorn.conf.py"]

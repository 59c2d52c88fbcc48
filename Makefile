# Infant mental health website. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
LOCK := requirements/dev.lock
INSTALLER_LOCK := requirements/installer.lock
# Python keeps each module's bytecode beside it (.venv, and __pycache__ here, ignored by git):
# without it every process (each gunicorn worker, manage.py and pytest) compiles Django and
# Wagtail afresh, about 2.5 s of CPU per start. Some machines set this in the environment.
unexport PYTHONDONTWRITEBYTECODE
INSTALLED := $(VENV)/.installed-$(shell cat $(LOCK) $(INSTALLER_LOCK) | sha1sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
NODE_MODULES := frontend/node_modules/.package-lock.json
PRETTIER := frontend/node_modules/.bin/prettier
PRETTIER_PATHS := frontend/scss frontend/js tests/browser/js pages/static/pages/js
# Tiers (markers set in tests/conftest.py): in-process tests, then gunicorn and Chromium ones.
FAST_TIER := -m "not live and not browser"
SLOW_TIER := -m "live or browser"
# pytest-xdist workers for `make test-fast` (WORKERS=0: one process). `make test` runs every tier in
# one process: the slow tier's deployments and Chromium already keep both cores busy.
WORKERS ?= 2

# `make run` serves with the production settings over plain HTTP on this machine only.
RUN_ENV = DJANGO_SETTINGS_MODULE=infant_mh.settings.production \
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	CSRF_TRUSTED_ORIGINS="$${CSRF_TRUSTED_ORIGINS:-http://$(HOST):$(PORT),http://localhost:$(PORT)}" \
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}" \
	HTTPS_ONLY="$${HTTPS_ONLY:-false}" HOST=$(HOST) PORT=$(PORT) \
	ADMIN_2FA_EXEMPT_USERNAMES="$${ADMIN_2FA_EXEMPT_USERNAMES-$(LOCAL_ADMIN)}"
# The one local account `make run` lets into the admin without a second factor (this machine
# only; production settings refuse the exemption over HTTPS). ADMIN_2FA_EXEMPT_USERNAMES= turns it off.
LOCAL_ADMIN := admin

# Values that let `check --deploy` load the production settings during tests.
DEPLOY_CHECK_ENV = DJANGO_SETTINGS_MODULE=infant_mh.settings.production \
	SECRET_KEY=deploy-check-$$(printf 'k%.0s' {1..60}) ALLOWED_HOSTS=infant-mh.example.org

.PHONY: help install run dev checks test test-fast test-slow lint lint-python lint-templates \
	lint-frontend lint-types lint-imports format assets check-assets bench bench-lighthouse lock clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-17s %s\n", $$1, $$2}'

# uv (pinned in $(INSTALLER_LOCK)) installs the lock in about 15 s where pip takes about 70; pip
# does it where uv cannot be had or cannot reach an index (uv reads no pip.conf).
$(INSTALLED): $(LOCK) $(INSTALLER_LOCK)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r $(INSTALLER_LOCK) \
		&& $(BIN)/uv pip install --quiet --python $(PY) --require-hashes -r $(LOCK) \
		|| { echo "uv did not install the lock: installing with pip instead."; \
		     $(PY) -m pip install --quiet --disable-pip-version-check --no-compile --require-hashes -r $(LOCK); }
	@rm -f $(VENV)/.installed-* && touch $@

install: $(INSTALLED) ## Create .venv and install the locked dependencies

.secret_key:
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(60))" > $@
	@echo "Generated a local-only SECRET_KEY in .secret_key (untracked)."

staticfiles/staticfiles.json: $(INSTALLED) .secret_key $(shell find static -type f 2>/dev/null)
	@$(RUN_ENV) $(PY) manage.py collectstatic --noinput -v0

run: $(INSTALLED) .secret_key ## Set up everything and serve the site on http://127.0.0.1:8000 (HOST, PORT override)
	@$(RUN_ENV) $(PY) manage.py migrate --noinput -v0
	@$(RUN_ENV) $(PY) manage.py seed_content --if-empty
	@$(MAKE) --no-print-directory staticfiles/staticfiles.json
	@echo "Serving on http://$(HOST):$(PORT)/  (admin at /admin/)."
	@echo "Create an admin account with:  $(PY) manage.py createsuperuser --username $(LOCAL_ADMIN)"
	@echo "  (non-interactive: DJANGO_SUPERUSER_USERNAME=$(LOCAL_ADMIN) DJANGO_SUPERUSER_EMAIL=… DJANGO_SUPERUSER_PASSWORD=… $(PY) manage.py createsuperuser --noinput)"
	@exempt="$${ADMIN_2FA_EXEMPT_USERNAMES-$(LOCAL_ADMIN)}"; if [ -n "$$exempt" ]; then \
		echo "Two-factor sign-in is RELAXED for the local account(s) '$$exempt' only (ADMIN_2FA_EXEMPT_USERNAMES);"; \
		echo "  every other account must set up an authenticator app, as in production."; \
	else echo "Two-factor sign-in is required for every account, as in production."; fi
	@echo "The email worker (manage.py run_worker) runs beside gunicorn, is restarted if it stops, and stops with it."
	@case "$(HOST)" in 127.*|localhost|::1) ;; *) \
		echo "WARNING: gunicorn is listening on $(HOST), beyond this machine. Put a reverse proxy in front"; \
		echo "  (deploy/nginx.conf): a few slow clients can hold all of gunicorn's threads. README: Behind a proxy.";; \
	esac
	@$(RUN_ENV) RUN_TASK_WORKER="$${RUN_TASK_WORKER:-true}" exec $(BIN)/gunicorn -c infant_mh/gunicorn.conf.py

dev: $(INSTALLED) ## Serve with runserver and DEBUG on, for development
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_content --if-empty
	$(PY) manage.py runserver $(HOST):$(PORT)

checks: $(INSTALLED) ## Django's checks (incl. --deploy), missing migrations, the Dockerfile
	$(PY) manage.py check --fail-level WARNING
	$(DEPLOY_CHECK_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/hadolint Dockerfile

test: checks ## Run every check and every test tier (SQLite, or PostgreSQL when DATABASE_URL says so)
	$(BIN)/pytest --durations=25

test-fast: $(INSTALLED) ## In-process tests only: no gunicorn, no Chromium (two xdist workers; WORKERS=0: one process)
	$(BIN)/pytest $(FAST_TIER) -n $(WORKERS) --dist loadgroup

test-slow: $(INSTALLED) ## Tests against a real gunicorn deployment and in headless Chromium
	$(BIN)/pytest $(SLOW_TIER)

$(NODE_MODULES): frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lint: lint-python lint-templates lint-frontend lint-types lint-imports ## Every linter (make -k lint: all of them, even after a failure)

lint-python: $(INSTALLED) ## ruff: style and common mistakes
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lint-templates: $(INSTALLED) ## djlint: lint every template (markup, accessibility, Django tags)
	$(BIN)/djlint templates --lint

lint-frontend: $(NODE_MODULES) ## Prettier: SCSS and JavaScript format
	$(PRETTIER) --check $(PRETTIER_PATHS)

lint-types: $(INSTALLED) ## mypy with django-stubs over the apps
	$(BIN)/mypy

lint-imports: $(INSTALLED) ## import-linter: apps depend one way only (seed > enquiries > pages > resources)
	$(BIN)/lint-imports

format: $(INSTALLED) $(NODE_MODULES) ## Fix style: ruff and Prettier
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(PRETTIER) --write --log-level warn $(PRETTIER_PATHS)

assets: ## Rebuild static/css and static/js from frontend/ (needs Node.js)
	frontend/build.sh

check-assets: ## Fail if the committed static build differs from a fresh one (needs Node.js)
	frontend/check.sh

# The load generator, the physical limit and the edge the benchmark runs: Debian packages, by binary.
BENCH_PACKAGES := wrk:wrk /usr/sbin/nginx:nginx-light /usr/sbin/varnishd:varnish

bench: $(INSTALLED) ## Site vs nginx serving the same bytes: req/s, latency, CPU, RSS, publish-to-visible (BENCH_ARGS="--rounds 5")
	@missing=""; for pair in $(BENCH_PACKAGES); do \
		command -v "$${pair%%:*}" >/dev/null || missing="$$missing $${pair##*:}"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "make bench needs the Debian packages:$$missing (sudo apt-get install$$missing)" >&2; exit 1; fi; \
		echo "Installing$$missing..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null; \
	fi
	$(PY) bench/site_bench.py $(BENCH_ARGS)

bench-lighthouse: $(INSTALLED) ## Lighthouse scores for key pages (benchmark, needs Node.js and Chromium)
	cd bench/lighthouse && npm ci --no-audit --no-fund
	$(PY) bench/lighthouse/run.py

lock: $(INSTALLED) ## Re-lock dependencies after editing pyproject.toml
	$(BIN)/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-find-links --no-emit-index-url -o requirements/base.lock pyproject.toml
	$(BIN)/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-find-links --no-emit-index-url --extra dev -o requirements/dev.lock pyproject.toml
	$(BIN)/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-find-links --no-emit-index-url -o $(INSTALLER_LOCK) requirements/installer.in

clean: ## Remove the virtualenv, collected static files and caches (keeps the database)
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .cache frontend/node_modules

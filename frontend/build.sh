#!/bin/sh
# Build static/css/main.css and static/js/main.js from frontend/.
# Usage: frontend/build.sh [OUTPUT_DIR]   (OUTPUT_DIR defaults to static/)
# Deterministic: no source maps, no timestamps, exact dependency versions.
set -eu

FRONTEND_DIR=$(cd "$(dirname "$0")" && pwd)
OUT_DIR=${1:-"$FRONTEND_DIR/../static"}
mkdir -p "$OUT_DIR/css" "$OUT_DIR/js"
OUT_DIR=$(cd "$OUT_DIR" && pwd)

cd "$FRONTEND_DIR"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps \
  --load-path=node_modules scss/main.scss "$OUT_DIR/css/main.css"

node_modules/.bin/esbuild js/main.mjs --bundle --format=esm --minify \
  --target=es2020 --legal-comments=none --log-level=warning \
  --outfile="$OUT_DIR/js/main.js"

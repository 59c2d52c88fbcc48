#!/bin/sh
# Rebuild the front end into a temporary folder and fail if the committed
# static/css/main.css or static/js/main.js differ from what the sources give.
set -eu

FRONTEND_DIR=$(cd "$(dirname "$0")" && pwd)
STATIC_DIR="$FRONTEND_DIR/../static"
TMP_DIR=$(mktemp -d)
trap 'rm -rf "$TMP_DIR"' EXIT

"$FRONTEND_DIR/build.sh" "$TMP_DIR"

status=0
for asset in css/main.css js/main.js; do
  if ! cmp -s "$TMP_DIR/$asset" "$STATIC_DIR/$asset"; then
    echo "static/$asset is out of date: run frontend/build.sh and commit the result" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "static/css/main.css and static/js/main.js match their sources"
exit "$status"

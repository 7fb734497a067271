#!/usr/bin/env bash
# Copies the front-end files Mognad serves from the locked npm packages into ../static/vendor.
# With --check it changes nothing and fails if a committed copy differs from its package
# (CI runs it that way, so vendored files are always exactly what the lockfile names).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund --silent
files=(
  "node_modules/htmx.org/dist/htmx.min.js:../static/vendor/htmx.min.js"
  "node_modules/sortablejs/Sortable.min.js:../static/vendor/Sortable.min.js"
)
status=0
for pair in "${files[@]}"; do
  from=${pair%%:*}
  to=${pair#*:}
  if [ "${1:-}" = "--check" ]; then
    if ! cmp -s "$from" "$to"; then
      echo "$to differs from $from: run crates/web/assets/vendor.sh and commit the result" >&2
      status=1
    fi
  else
    cp "$from" "$to"
    echo "copied $from -> $to"
  fi
done
exit $status

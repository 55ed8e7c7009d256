#!/usr/bin/env bash
# Runs the web application on http://localhost:5080 with the embedded SQLite database (data/jalon.db),
# created, migrated and seeded with a demo Mission Locale on first start.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here/src/Jalon.Web"
[[ -d node_modules/@gouvfr/dsfr ]] || npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
exec dotnet run -c Release --urls "${JALON_URLS:-http://localhost:5080}" -- "$@"

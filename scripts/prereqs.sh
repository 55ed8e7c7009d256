#!/usr/bin/env bash
# Installs what the tests need and the repository does not hold: Debian's Chromium (end-to-end tests)
# and PostgreSQL (storage tests on the second database), and the DSFR from npm.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
if (( ${#missing[@]} )); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "Installation des paquets Debian : ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "Paquets manquants (à installer avec sudo apt-get install): ${missing[*]}" >&2
  fi
fi
(cd "$here/src/Jalon.Web" && { [[ -d node_modules/@gouvfr/dsfr ]] || npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2; })

#!/usr/bin/env bash
# Executes the installation procedure of docs/exploitation.md against a fresh PostgreSQL database of the test cluster
# (scripts/postgres.sh), step by step, with the numbers of the doc's steps:
#   2 publish · 3 DSFR · 4 database · 5 configuration · 6 migrate (dry run, then for real) · 7 first administrator
#   8 production start and /sante/pret · 9 backup · 10 restore (on a stopped service) and start again.
# Usage: scripts/verifier-installation.sh [--publication DIR]   (DIR: where web + CLI are published, reused when already there)
# Exit 0 when every step did what the doc says; the database and the folder are removed at the end.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
reuse=""
[[ "${1:-}" == "--publication" ]] && reuse="$2"
work=$(mktemp -d /tmp/jalon-installation-XXXXXX)
db="jalon_installation_$$"
pid=""
step() { echo "== étape $*" >&2; }
fail() { echo "ÉCHEC : $*" >&2; exit 1; }
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  psql "$admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
eval "$("$here/scripts/postgres.sh" start)"
admin="postgresql://jalon@127.0.0.1:55432/postgres"
trap cleanup EXIT

step "2 : publier l'application et la ligne de commande"
publication="${reuse:-$work/publication}"
if [[ ! -f "$publication/app/Jalon.Web.dll" || ! -f "$publication/cli/jalon.dll" ]]; then
  dotnet publish "$here/src/Jalon.Web/Jalon.Web.csproj" -c Release -o "$publication/app" --nologo -v quiet >/dev/null
  dotnet publish "$here/src/Jalon.Cli/Jalon.Cli.csproj" -c Release -o "$publication/cli" --nologo -v quiet >/dev/null
fi
cp -r "$publication/app" "$work/app"; cp -r "$publication/cli" "$work/cli"

step "3 : le DSFR à côté de l'application"
(cd "$here/src/Jalon.Web" && [[ -d node_modules/@gouvfr/dsfr ]] || npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
mkdir -p "$work/app/node_modules/@gouvfr/dsfr"
cp -r "$here/src/Jalon.Web/node_modules/@gouvfr/dsfr/dist" "$work/app/node_modules/@gouvfr/dsfr/dist"

step "4 : la base PostgreSQL"
psql "$admin" -qc "CREATE DATABASE $db" >/dev/null

step "5 : la configuration (variables d'environnement)"
mkdir -p "$work/etat/sauvegardes"
export Jalon__Database__Provider=postgres
export ConnectionStrings__Jalon="Host=127.0.0.1;Port=55432;Username=jalon;Database=$db"
export Jalon__Sauvegardes__Dossier="$work/etat/sauvegardes"
export Jalon__Import__Attente="$work/etat/imports"
export HOME="$work/etat"
jalon() { dotnet "$work/cli/jalon.dll" "$@"; }

step "6 : migrer le schéma (--verifier d'abord : mise à jour due, code 1)"
set +e; jalon base migrer --verifier; rc=$?; set -e
[[ $rc -eq 1 ]] || fail "base migrer --verifier sur une base vide : code $rc, attendu 1"
jalon base migrer
jalon base migrer --verifier || fail "base migrer --verifier après migration : code $?, attendu 0"

step "7 : le premier administrateur"
echo "Installation-Verifiee-2026" | jalon comptes creer-admin --identifiant admin.ml

step "8 : démarrer en production, /sante/pret"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_web() {
  (cd "$work/app" && exec dotnet Jalon.Web.dll --urls "http://127.0.0.1:$port") >"$work/web.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/sante/pret" || true)" == 200 ]]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { cat "$work/web.log" >&2; fail "l'application s'est arrêtée"; }
    sleep 1
  done
  cat "$work/web.log" >&2; fail "/sante/pret ne répond pas 200"
}
stop_web() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
start_web
[[ "$(curl -s "http://127.0.0.1:$port/sante/vivant")" == "Healthy" ]] || fail "/sante/vivant"
# The page is read whole before it is searched: with pipefail, `curl | grep -q` fails at random when grep stops
# reading before curl has written everything (SIGPIPE).
connexion="$(curl -s "http://127.0.0.1:$port/Connexion")"
[[ "$connexion" == *'href="/dsfr/'* ]] || fail "la page de connexion ne sert pas le DSFR"
[[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/dsfr/dsfr.min.css")" == 200 ]] || fail "/dsfr/dsfr.min.css"

step "9 : sauvegarder"
jalon sauvegarder "$work/etat/sauvegardes/avant.dump"

step "10 : restaurer (service arrêté) puis redémarrer"
echo "Deuxieme-Compte-2026" | jalon comptes creer-admin --identifiant admin.apres >/dev/null
stop_web
jalon restaurer "$work/etat/sauvegardes/avant.dump"
accounts=$(psql "postgresql://jalon@127.0.0.1:55432/$db" -tAc 'SELECT string_agg("Login", $$,$$ ORDER BY "Login") FROM "Users"')
[[ "$accounts" == "admin.ml" ]] || fail "après restauration, comptes « $accounts », attendu « admin.ml »"
start_web
stop_web
echo "Installation vérifiée : publication, base, migration, administrateur, démarrage de production, sauvegarde et restauration." >&2

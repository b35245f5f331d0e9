#!/usr/bin/env bash
# npm test: the same bootstrap as the demo, then every suite against real PostgreSQL and Redis.
# The suites make their own databases from a migrated template (vedtak_test); extra arguments
# go to jest (npm test -- libs/domain).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/install.sh
export SERVICES_STATE_FILE=${SERVICES_STATE_FILE:-.data/test.services}

ensure_node_modules
# docker-compose validates docker-compose.yml (no engine needed); chromium drives the page tests.
missing=()
command -v docker-compose >/dev/null || missing+=(docker-compose)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[test] installing ${missing[*]} from Debian's packages" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
bash scripts/services.sh up

# Each run migrates a template of its own, so that runs side by side (two checkouts, CI and a
# developer) never drop each other's; the suites copy it into a database each.
template_name="vedtak_tpl_$$"
template=$(node -e 'const u=new URL(process.env.DATABASE_URL);u.pathname="/"+process.argv[1];console.log(u.href)' "$template_name")
admin=$(node -e 'const u=new URL(process.env.DATABASE_URL);u.pathname="/postgres";console.log(u.href)')
cleanup() {
  psql -q "$admin" -c "DROP DATABASE IF EXISTS $template_name WITH (FORCE)" >/dev/null 2>&1 || true
  bash scripts/services.sh down
}
trap cleanup EXIT
psql -q "$admin" -v ON_ERROR_STOP=1 -c "CREATE DATABASE $template_name"
DATABASE_URL="$template" npm run --silent migration:run >/dev/null
ensure_build

export TEST_TEMPLATE_DATABASE_URL="$template"
export NODE_ENV=test
npx jest --ci --coverage "$@"

#!/usr/bin/env bash
# npm run test:faults: the set-up of npm test, then only the fault suites (test/faults/): PostgreSQL
# restarted, Redis and SMTP stopped, the api and the worker killed with kill -9. Each suite runs
# the services it harms itself (its own PostgreSQL cluster, its own Redis); the shared ones are
# only read. Extra arguments go to jest (npm run test:faults -- -t Redis).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/install.sh
export SERVICES_STATE_FILE=${SERVICES_STATE_FILE:-.data/test-faults.services}

ensure_node_modules
bash scripts/services.sh up

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
# The suites kill and restart the built api and worker.
ensure_build

export TEST_TEMPLATE_DATABASE_URL="$template"
export NODE_ENV=test
npx jest --ci -c jest.faults.config.js "$@"

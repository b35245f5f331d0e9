#!/usr/bin/env bash
# npm run bench: figures for speed and memory, printed, never asserted. Uses the same services
# as the tests, on a database of its own that is dropped afterwards. Machines are shared and
# noisy: read medians and ratios, not single runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/install.sh
export SERVICES_STATE_FILE=${SERVICES_STATE_FILE:-.data/bench.services}

ensure_node_modules
bash scripts/services.sh up
ensure_build
bench_db="vedtak_bench_$$"
admin=$(node -e 'const u=new URL(process.env.DATABASE_URL);u.pathname="/postgres";console.log(u.href)')
export DATABASE_URL=$(node -e 'const u=new URL(process.env.DATABASE_URL);u.pathname="/"+process.argv[1];console.log(u.href)' "$bench_db")
cleanup() {
  psql -q "$admin" -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" >/dev/null 2>&1 || true
  bash scripts/services.sh down
}
trap cleanup EXIT
psql -q "$admin" -v ON_ERROR_STOP=1 -c "CREATE DATABASE $bench_db"
npm run --silent migration:run >/dev/null
LOG_LEVEL=silent TS_NODE_TRANSPILE_ONLY=1 node --expose-gc -r ts-node/register -r tsconfig-paths/register scripts/bench.ts

#!/usr/bin/env bash
# npm run bench: figures for speed and memory, printed, never asserted (bench/README.md). The
# national data set is built once into the database vedtak_bench_national and kept; each run
# works on a fresh copy of it, dropped afterwards, with the api and worker built into dist and
# run as production runs them. Machines are shared and noisy: read medians and ratios, not
# single runs. BENCH_SCALE (default 1) scales the data set's history.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/install.sh
export SERVICES_STATE_FILE=${SERVICES_STATE_FILE:-.data/bench.services}

ensure_node_modules
bash scripts/services.sh up
trap 'bash scripts/services.sh down' EXIT
ensure_build
command -v pgbench >/dev/null || { echo "[bench] pgbench is missing (Debian: postgresql-client)" >&2; exit 1; }
LOG_LEVEL=silent TS_NODE_TRANSPILE_ONLY=1 node --expose-gc -r ts-node/register -r tsconfig-paths/register bench/run.ts

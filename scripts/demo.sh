#!/usr/bin/env bash
# npm run demo: the whole system on this machine with Trondheimsregionen loaded.
# Installs what is missing, starts PostgreSQL and Redis (scripts/services.sh), migrates, seeds,
# starts api and worker, and prints where to go and a token per demo role. Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/install.sh
export SERVICES_STATE_FILE=${SERVICES_STATE_FILE:-.data/demo.services}

ensure_node_modules
bash scripts/services.sh up
ensure_build
node dist/apps/api/main.js migrate

mkdir -p .data
tokens=$(npm run --silent seed:demo -- --tokens-file .data/demo-tokens.json)

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "[demo] stopping api and worker" >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bash scripts/services.sh down
}
trap stop INT TERM EXIT

log_dir=.data/logs; mkdir -p "$log_dir"
node dist/apps/api/main.js >>"$log_dir/api.log" 2>&1 & pids+=($!)
node dist/apps/worker/main.js >>"$log_dir/worker.log" 2>&1 & pids+=($!)

base="http://localhost:${PORT}"
for _ in $(seq 1 60); do
  curl -fsS "$base/api/health" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "[demo] the api stopped; see $log_dir/api.log" >&2; tail -20 "$log_dir/api.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$base/api/health" >/dev/null || { echo "[demo] the api is not healthy; see $log_dir/api.log" >&2; exit 1; }

cat <<MSG

Vedtaksrunde is running.
  API          $base/api
  Health       $base/api/health
  API docs     $base/api/docs   (OpenAPI JSON: $base/api/docs-json)
  Logs         $log_dir/api.log, $log_dir/worker.log

Ready tokens (Authorization: Bearer <token>), also in .data/demo-tokens.json:
$tokens

Try:  curl -H "Authorization: Bearer \$TOKEN" $base/api/councils
Press Ctrl-C to stop.
MSG

wait -n "${pids[@]}" || true
echo "[demo] a process stopped; see $log_dir" >&2

#!/usr/bin/env bash
# npm run demo: the whole system on this machine with Trondheimsregionen and Trondheimsalliansen
# IPR loaded, their rounds dated from today. Installs what is missing, starts PostgreSQL and Redis
# (scripts/services.sh), migrates, seeds, starts the demo identity provider (apps/demo-idp), the
# api and the worker, and prints the one address to open and whom to sign in as. Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
source scripts/install.sh
export SERVICES_STATE_FILE=${SERVICES_STATE_FILE:-.data/demo.services}

# The demo identity provider, and the api trusting it, unless the environment names another one.
: "${IDP_PORT:=3001}"
: "${IDP_ISSUER:=http://localhost:${IDP_PORT}}"
: "${IDP_CLIENT_ID:=vedtaksrunde-web}"
: "${IDP_AUDIENCE:=vedtaksrunde-api}"
: "${IDP_APP_URL:=http://localhost:${PORT},http://127.0.0.1:${PORT}}"
: "${IDP_PEOPLE_FILE:=.data/demo-people.json}"
export IDP_PORT IDP_ISSUER IDP_CLIENT_ID IDP_AUDIENCE IDP_APP_URL IDP_PEOPLE_FILE
: "${OIDC_ISSUER:=$IDP_ISSUER}"
: "${OIDC_AUDIENCE:=$IDP_AUDIENCE}"
: "${OIDC_JWKS_URL:=$IDP_ISSUER/jwks}"
: "${OIDC_CLIENT_ID:=$IDP_CLIENT_ID}"
export OIDC_ISSUER OIDC_AUDIENCE OIDC_JWKS_URL OIDC_CLIENT_ID
own_idp=0; [ "$OIDC_ISSUER" = "$IDP_ISSUER" ] && own_idp=1

ensure_node_modules
bash scripts/services.sh up
ensure_build
node dist/apps/api/main.js migrate >/dev/null

mkdir -p .data
tokens_file=.data/demo-tokens.json
summary=$(npm run --silent seed:demo -- --tokens-file "$tokens_file" --people-file "$IDP_PEOPLE_FILE")

pids=()
stopping=0
stop() {
  trap - INT TERM EXIT
  stopping=1
  echo; echo "[demo] stopping the api, the worker and the identity provider" >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bash scripts/services.sh down
}
trap stop INT TERM EXIT

log_dir=.data/logs; mkdir -p "$log_dir"
# wait_for <what> <url> <pid> <log>: until the url answers, or the process has stopped.
wait_for() {
  for _ in $(seq 1 60); do
    curl -fsS "$2" >/dev/null 2>&1 && return 0
    kill -0 "$3" 2>/dev/null || break
    sleep 0.5
  done
  curl -fsS "$2" >/dev/null 2>&1 && return 0
  echo "[demo] $1 did not come up; see $4" >&2; tail -20 "$4" >&2
  exit 1
}

if [ "$own_idp" = 1 ]; then
  node apps/demo-idp/main.mjs >>"$log_dir/idp.log" 2>&1 & pids+=($!)
  wait_for "the identity provider" "$IDP_ISSUER/.well-known/openid-configuration" "${pids[-1]}" "$log_dir/idp.log"
fi
node dist/apps/api/main.js >>"$log_dir/api.log" 2>&1 & pids+=($!)
api_pid=${pids[-1]}
node dist/apps/worker/main.js >>"$log_dir/worker.log" 2>&1 & pids+=($!)
wait_for "the api" "http://127.0.0.1:${PORT}/api/health/ready" "$api_pid" "$log_dir/api.log"

if [ "$own_idp" = 1 ]; then
  sign_in=$(cat <<TEXT
Sign in by picking a person (no password):
  Lars Leder (leader)               to watch the dashboard of both councils,
  Utvalgssekretær Melhus (clerk)    to register what the kommunestyre decided,
  Siri Sekretariat (secretariat)    to launch a round.
TEXT
)
else
  sign_in="Sign in through $OIDC_ISSUER (the demo identity provider is not started)."
fi

cat <<MSG

Vedtaksrunde is running. Open http://localhost:${PORT}/

$sign_in

$summary
Logs are in $log_dir/. Press Ctrl-C to stop.
MSG

wait -n "${pids[@]}" || true
if [ "$stopping" = 0 ]; then
  echo "[demo] a process stopped; see $log_dir" >&2
  exit 1
fi

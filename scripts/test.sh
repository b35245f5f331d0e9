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

with_test_template
ensure_build

export NODE_ENV=test
npx jest --ci --coverage "$@"

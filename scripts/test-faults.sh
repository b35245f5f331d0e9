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

with_test_template
# The suites kill and restart the built api and worker.
ensure_build

export NODE_ENV=test
npx jest --ci -c jest.faults.config.js "$@"

# Sourced by the scripts: installs the npm dependencies when they are missing or stale, builds
# api and worker when a source is newer than the last build, and gives a test run its template.
ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "[install] npm ci" >&2
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_build() {
  local stamp=dist/.built
  if [ ! -f "$stamp" ] || [ -n "$(find apps libs migrations package-lock.json tsconfig*.json nest-cli.json -newer "$stamp" -type f -print -quit)" ]; then
    echo "[install] building api and worker" >&2
    local app out
    for app in api worker; do
      out=$(npx nest build "$app" 2>&1) || { echo "$out" >&2; echo "[install] the build of $app failed" >&2; return 1; }
    done
    touch "$stamp"
  fi
  ensure_web_build
}

# The web app: typed from the api's OpenAPI document, which must be the one checked in (a
# stale apps/web/src/api/schema.d.ts fails here: run npm run api:types and commit it).
ensure_web_build() {
  local stamp=dist/.web-built out
  if [ ! -f "$stamp" ] || [ ! -f dist/web/index.html ] || [ -n "$(find apps libs package-lock.json tsconfig*.json -newer "$stamp" -type f -print -quit)" ]; then
    echo "[install] building the web app" >&2
    out=$(TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register -r tsconfig-paths/register scripts/api-types.ts --check 2>&1) || { echo "$out" >&2; return 1; }
    out=$(npx vite build --config apps/web/vite.config.ts --logLevel warn 2>&1) || { echo "$out" >&2; echo "[install] the build of the web app failed" >&2; return 1; }
    touch "$stamp"
  fi
}

# The test scripts: each run migrates a template database of its own, so that runs side by side
# (two checkouts, CI and a developer) never drop each other's; the suites copy it into a database
# each. On exit the template is dropped and the services are stopped (scripts/services.sh down).
# Exports TEST_TEMPLATE_DATABASE_URL.
with_test_template() {
  test_template_name="vedtak_tpl_$$"
  test_template_admin=$(node -e 'const u=new URL(process.env.DATABASE_URL);u.pathname="/postgres";console.log(u.href)')
  local template
  template=$(node -e 'const u=new URL(process.env.DATABASE_URL);u.pathname="/"+process.argv[1];console.log(u.href)' "$test_template_name")
  trap drop_test_template EXIT
  psql -q "$test_template_admin" -v ON_ERROR_STOP=1 -c "CREATE DATABASE $test_template_name"
  DATABASE_URL="$template" npm run --silent migration:run >/dev/null
  export TEST_TEMPLATE_DATABASE_URL="$template"
}

drop_test_template() {
  psql -q "$test_template_admin" -c "DROP DATABASE IF EXISTS $test_template_name WITH (FORCE)" >/dev/null 2>&1 || true
  bash scripts/services.sh down
}

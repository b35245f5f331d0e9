# Sourced by the scripts: installs the npm dependencies when they are missing or stale, and
# builds api and worker when a source is newer than the last build.
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
}

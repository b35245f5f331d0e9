#!/usr/bin/env bash
# Makes PostgreSQL and Redis reachable at DATABASE_URL and REDIS_URL.
#   scripts/services.sh up     find them, or install them from Debian's packages and start them
#   scripts/services.sh down   stop only what `up` started
# PostgreSQL: Debian's system cluster (pg_ctlcluster), with the role and database of DATABASE_URL.
# Redis: a server of its own under .data/redis (AOF on, noeviction), on the port of REDIS_URL.
# Services that are already reachable, or that live on another host, are used as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# What `up` started, so that `down` stops only that; each caller keeps its own list.
STATE=${SERVICES_STATE_FILE:-.data/services.started}
mkdir -p .data

log() { printf '[services] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

# Parses a URL into shell variables with node (present wherever the project runs).
url_part() { node -e 'const u=new URL(process.argv[1]);const p=process.argv[2];const v={host:u.hostname||"127.0.0.1",port:u.port,user:decodeURIComponent(u.username),password:decodeURIComponent(u.password),db:u.pathname.replace(/^\//,"")}[p];process.stdout.write(String(v??""))' "$1" "$2"; }

is_local() { case "$1" in localhost|127.*|::1|"[::1]") return 0;; *) return 1;; esac; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then log "apt-get update"; as_root apt-get update -qq; apt_updated=1; fi
  log "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_host=$(url_part "$DATABASE_URL" host); pg_port=$(url_part "$DATABASE_URL" port); pg_port=${pg_port:-5432}
pg_user=$(url_part "$DATABASE_URL" user); pg_password=$(url_part "$DATABASE_URL" password); pg_db=$(url_part "$DATABASE_URL" db)
redis_host=$(url_part "$REDIS_URL" host); redis_port=$(url_part "$REDIS_URL" port); redis_port=${redis_port:-6379}

pg_ready() { command -v pg_isready >/dev/null && pg_isready -q -h "$pg_host" -p "$pg_port" -t 2; }
redis_ready() { command -v redis-cli >/dev/null && [ "$(redis-cli -h "$redis_host" -p "$redis_port" ping 2>/dev/null)" = PONG ]; }

postgres_up() {
  if ! command -v pg_ctlcluster >/dev/null || ! command -v pg_isready >/dev/null; then
    if is_local "$pg_host"; then apt_install postgresql; fi
  fi
  if ! pg_ready; then
    is_local "$pg_host" || { log "PostgreSQL at $pg_host:$pg_port does not answer"; exit 1; }
    local cluster
    cluster=$(pg_lsclusters --no-header 2>/dev/null | awk -v p="$pg_port" '$3 == p { print $1 " " $2; exit }')
    if [ -z "$cluster" ]; then
      local version
      version=$(ls /usr/lib/postgresql | sort -n | tail -1)
      log "creating PostgreSQL cluster $version/vedtak on port $pg_port"
      as_root pg_createcluster "$version" vedtak --port "$pg_port" >/dev/null
      cluster="$version vedtak"
    fi
    log "starting PostgreSQL cluster ${cluster/ //}"
    as_root pg_ctlcluster $cluster start
    echo "postgres $cluster" >> "$STATE"
    for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
    pg_ready || { log "PostgreSQL did not come up"; exit 1; }
  fi
  if is_local "$pg_host" && [ -n "$pg_user" ]; then
    # The role may create databases: the tests make one per suite from a migrated template.
    as_postgres psql -q -p "$pg_port" -v ON_ERROR_STOP=1 -v user="$pg_user" -v password="$pg_password" <<'SQL' >/dev/null
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'password')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SQL
    for db in "$pg_db" "$@"; do
      [ -n "$db" ] || continue
      as_postgres psql -q -p "$pg_port" -v ON_ERROR_STOP=1 -v db="$db" -v user="$pg_user" <<'SQL' >/dev/null
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
    done
  fi
  log "PostgreSQL ready at $pg_host:$pg_port"
}

redis_up() {
  if redis_ready; then log "Redis ready at $redis_host:$redis_port"; return; fi
  is_local "$redis_host" || { log "Redis at $redis_host:$redis_port does not answer"; exit 1; }
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p .data/redis
  log "starting Redis on port $redis_port (data in .data/redis)"
  # BullMQ needs noeviction (an evicted job key is a lost job) and AOF (a restart keeps the queue).
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$PWD/.data/redis" \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction --save '' \
    --daemonize yes --pidfile "$PWD/.data/redis/redis.pid" --logfile "$PWD/.data/redis/redis.log"
  echo "redis $redis_port" >> "$STATE"
  for _ in $(seq 1 30); do redis_ready && break; sleep 0.2; done
  redis_ready || { log "Redis did not come up; see .data/redis/redis.log"; exit 1; }
  log "Redis ready at $redis_host:$redis_port"
}

down() {
  [ -f "$STATE" ] || return 0
  while read -r what a b; do
    case "$what" in
      redis) log "stopping Redis on port $a"; redis-cli -p "$a" shutdown >/dev/null 2>&1 || true ;;
      postgres) log "stopping PostgreSQL cluster $a/$b"; as_root pg_ctlcluster "$a" "$b" stop || true ;;
    esac
  done < "$STATE"
  rm -f "$STATE"
}

case "${1:-up}" in
  up) shift || true; postgres_up "$@"; redis_up ;;
  down) down ;;
  *) echo "usage: $0 up [extra-database ...] | down" >&2; exit 2 ;;
esac

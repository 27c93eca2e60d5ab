# Local stand-ins for production infrastructure, used by ./run.sh distributed and ./test.sh.
# A library: source it, never run it. It sets no shell options; every function returns non-zero
# on failure (with the reason on stderr) and never exits the caller. Progress goes to stderr;
# nothing is printed on stdout except by free_port.
#
#   source scripts/local-services.sh
#   local_services_install || exit 1
#   dir=$(mktemp -d)                        # or ./data/local
#   pg=$(free_port) s3=$(free_port) sqs=$(free_port) smtp=$(free_port)
#   trap stop_local_services EXIT
#   start_postgres "$dir" "$pg"   || exit 1  # Host=127.0.0.1;Port=$pg;Database=vidsnap;Username=vidsnap;Password=vidsnap
#   start_s3 "$dir" "$s3" videos  || exit 1  # http://127.0.0.1:$s3, path-style, any credentials
#   start_sqs "$dir" "$sqs"       || exit 1  # http://127.0.0.1:$sqs, any credentials
#   start_smtp "$dir/mail" "$smtp" || exit 1 # 127.0.0.1:$smtp, mail lands in $dir/mail/*.eml
#
# Functions:
#   local_services_install
#       Installs what is missing: postgresql, python3-aiosmtpd (for /usr/bin/python3), node and npm
#       (only when node is missing), and scripts/local-services/node_modules (npm ci, when missing
#       or older than package-lock.json).
#   free_port
#       Prints a TCP port that is free on 127.0.0.1 right now.
#   start_postgres DATA_DIR PORT
#       Cluster in DATA_DIR/pgdata (created by initdb on first use, owned by the postgres OS user),
#       unix socket in DATA_DIR/pgsocket, log DATA_DIR/logs/postgres.log. Listens on 127.0.0.1:PORT
#       only, trust authentication. Ensures role vidsnap (password vidsnap) and database vidsnap
#       owned by it. Idempotent: an existing cluster is just started; one already running on PORT
#       is left as it is. Appends DATA_DIR to LOCAL_SERVICES_PG_DIRS. Sets PG_SOCKET_DIR.
#   stop_postgres DATA_DIR
#       Fast shutdown (pg_ctl stop -m fast) if the cluster in DATA_DIR/pgdata is running.
#   start_s3 DATA_DIR PORT [BUCKET...]
#       s3rver with objects in DATA_DIR/s3, log DATA_DIR/logs/s3.log; creates the BUCKETs if missing.
#       Any origin may GET/PUT/POST/DELETE/HEAD from a browser; ETag is exposed.
#   start_sqs DATA_DIR PORT
#       local-aws-sqs, queues in memory; log DATA_DIR/logs/sqs.log.
#   start_smtp MAIL_DIR PORT [LOG_DIR]
#       aiosmtpd writing each message to MAIL_DIR/<timestamp>-<random>.eml (atomically);
#       log LOG_DIR/smtp.log, LOG_DIR defaulting to MAIL_DIR/../logs (so DATA_DIR/logs when
#       MAIL_DIR is DATA_DIR/mail).
#     Each of these three waits (30 s at most) for the server to print "ready", else fails with the
#     tail of its log. On success it sets LOCAL_SERVICE_PID to the server's PID and appends it to
#     the array LOCAL_SERVICES_PIDS; `kill PID` (SIGTERM) stops it cleanly. Call them directly,
#     not in $(...), or the variables are lost.
#   stop_local_service PID
#       SIGTERM, then SIGKILL after 10 s; returns once the process is gone.
#   stop_local_services
#       Stops every process in LOCAL_SERVICES_PIDS and every cluster in LOCAL_SERVICES_PG_DIRS.
#
# Postgres runs as the postgres OS user when we are root (initdb refuses root). That user must be
# able to traverse every parent of DATA_DIR: start_postgres adds o+x (search, not read) to any
# parent that lacks it, e.g. a 0700 directory from mktemp -d, and says so on stderr.

LOCAL_SERVICES_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOCAL_SERVICES_NODE_DIR="$LOCAL_SERVICES_SCRIPTS_DIR/local-services"
LOCAL_SERVICES_PIDS=(${LOCAL_SERVICES_PIDS[@]+"${LOCAL_SERVICES_PIDS[@]}"})
LOCAL_SERVICES_PG_DIRS=(${LOCAL_SERVICES_PG_DIRS[@]+"${LOCAL_SERVICES_PG_DIRS[@]}"})
LOCAL_SERVICE_PID=""
# shellcheck source=common.sh
source "$LOCAL_SERVICES_SCRIPTS_DIR/common.sh"

# Prints the bin directory of the newest installed PostgreSQL server (Debian keeps initdb, pg_ctl
# and postgres off PATH, in /usr/lib/postgresql/MAJOR/bin), or the glob itself when there is none.
_local_pg_bin() {
  local initdb
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$initdb" ]; then dirname "$initdb"; else echo '/usr/lib/postgresql/*/bin'; fi
}

local_services_install() {
  local pg_bin
  pg_bin=$(_local_pg_bin)
  ensure_apt postgresql "$pg_bin/initdb" || return 1
  pg_bin=$(_local_pg_bin)
  if [ ! -x "$pg_bin/initdb" ]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin" >&2
    return 1
  fi

  if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
    # The package also ships /usr/bin/aiosmtpd; ensure_apt installs when that is absent.
    ensure_apt python3-aiosmtpd /usr/bin/aiosmtpd || return 1
    if ! /usr/bin/python3 -c 'import aiosmtpd'; then
      echo "/usr/bin/python3 cannot import aiosmtpd" >&2
      return 1
    fi
  fi

  if ! command -v node >/dev/null 2>&1; then
    ensure_apt nodejs node || return 1
    ensure_apt npm npm || return 1
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "node is installed but npm is not; install npm for this node." >&2
    return 1
  fi

  local dir=$LOCAL_SERVICES_NODE_DIR
  # npm writes node_modules/.package-lock.json on every install: it dates the installed tree.
  if [ ! -f "$dir/node_modules/.package-lock.json" ] \
    || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "Installing local service packages (npm ci in $dir)..." >&2
    (cd "$dir" && npm ci --no-audit --no-fund) >&2 || return 1
  fi
}

free_port() {
  /usr/bin/python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# Runs a command as the postgres OS user when we are root, as ourselves otherwise; from / so that
# an unreadable current directory does not trouble it.
_local_pg_as() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# Gives the postgres user search permission on DIR and each of its parents.
_local_pg_traversable() {
  [ "$(id -u)" -eq 0 ] || return 0
  local dir=$1
  while [ -n "$dir" ] && [ "$dir" != / ]; do
    if ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
      echo "Adding o+x to $dir so the postgres user can reach its data directory." >&2
      chmod o+x "$dir" || return 1
    fi
    dir=$(dirname "$dir")
  done
}

start_postgres() {
  if [ $# -ne 2 ]; then
    echo "usage: start_postgres DATA_DIR PORT" >&2
    return 2
  fi
  local data_dir port=$2 pg_bin
  data_dir=$(mkdir -p "$1" && cd "$1" && pwd) || return 1
  pg_bin=$(_local_pg_bin)
  if [ ! -x "$pg_bin/pg_ctl" ]; then
    echo "PostgreSQL is not installed: run local_services_install." >&2
    return 1
  fi
  local pgdata=$data_dir/pgdata socket=$data_dir/pgsocket log=$data_dir/logs/postgres.log
  if [ $((${#socket} + 20)) -gt 107 ]; then
    echo "$socket is too long for a unix socket path; use a shorter DATA_DIR." >&2
    return 1
  fi
  mkdir -p "$pgdata" "$socket" "$data_dir/logs" || return 1
  touch "$log" || return 1
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$pgdata" "$socket" "$log" || return 1
  fi
  chmod 0700 "$pgdata" || return 1
  _local_pg_traversable "$data_dir" || return 1

  if [ ! -f "$pgdata/PG_VERSION" ]; then
    echo "Creating PostgreSQL cluster in $pgdata..." >&2
    _local_pg_as "$pg_bin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$data_dir/logs/initdb.log" 2>&1 || {
      echo "initdb failed:" >&2
      tail -n 20 "$data_dir/logs/initdb.log" >&2
      return 1
    }
    # Settings also given on the command line at start, kept here so a bare pg_ctl start agrees.
    _local_pg_as tee -a "$pgdata/postgresql.conf" >/dev/null <<EOF || return 1

# Added by scripts/local-services.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$socket'
port = $port
EOF
  fi

  if _local_pg_as "$pg_bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    local running_port
    running_port=$(sed -n 4p "$pgdata/postmaster.pid" 2>/dev/null)
    if [ "$running_port" != "$port" ]; then
      echo "PostgreSQL in $pgdata is already running on port $running_port, not $port." >&2
      return 1
    fi
    echo "PostgreSQL in $pgdata is already running on port $port." >&2
  else
    echo "Starting PostgreSQL on 127.0.0.1:$port ($pgdata)..." >&2
    if ! _local_pg_as "$pg_bin/pg_ctl" -D "$pgdata" -l "$log" -w -t 30 \
      -o "-p $port -k '$socket' -c listen_addresses=127.0.0.1" start >/dev/null; then
      echo "PostgreSQL did not start; end of $log:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
  fi

  local psql=("$pg_bin/psql" -h "$socket" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt)
  if [ "$(_local_pg_as "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'vidsnap'")" != 1 ]; then
    _local_pg_as "${psql[@]}" -c "CREATE ROLE vidsnap LOGIN PASSWORD 'vidsnap'" || return 1
  fi
  if [ "$(_local_pg_as "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'vidsnap'")" != 1 ]; then
    _local_pg_as "${psql[@]}" -c "CREATE DATABASE vidsnap OWNER vidsnap" || return 1
  fi

  PG_SOCKET_DIR=$socket
  local known
  for known in ${LOCAL_SERVICES_PG_DIRS[@]+"${LOCAL_SERVICES_PG_DIRS[@]}"}; do
    [ "$known" = "$data_dir" ] && return 0
  done
  LOCAL_SERVICES_PG_DIRS+=("$data_dir")
}

stop_postgres() {
  if [ $# -ne 1 ]; then
    echo "usage: stop_postgres DATA_DIR" >&2
    return 2
  fi
  local pgdata=$1/pgdata pg_bin
  pg_bin=$(_local_pg_bin)
  [ -f "$pgdata/PG_VERSION" ] || return 0
  if _local_pg_as "$pg_bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    echo "Stopping PostgreSQL ($pgdata)..." >&2
    _local_pg_as "$pg_bin/pg_ctl" -D "$pgdata" stop -m fast -w >/dev/null || return 1
  fi
}

# _local_start NAME LOG_FILE COMMAND...: starts COMMAND in the background with its output in
# LOG_FILE, waits for a "ready" line, sets LOCAL_SERVICE_PID and appends it to LOCAL_SERVICES_PIDS.
_local_start() {
  local name=$1 log=$2
  shift 2
  mkdir -p "$(dirname "$log")" || return 1
  "$@" </dev/null >"$log" 2>&1 &
  local pid=$! waited=0
  while ! grep -qx ready "$log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || true
      echo "$name exited before it was ready; end of $log:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    if [ "$waited" -ge 300 ]; then
      echo "$name was not ready after 30 s; end of $log:" >&2
      tail -n 20 "$log" >&2
      kill "$pid" 2>/dev/null || true
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  LOCAL_SERVICE_PID=$pid
  LOCAL_SERVICES_PIDS+=("$pid")
  echo "$name is ready (pid $pid, log $log)." >&2
}

_local_check_node() {
  if [ ! -d "$LOCAL_SERVICES_NODE_DIR/node_modules" ]; then
    echo "The local service packages are not installed: run local_services_install." >&2
    return 1
  fi
}

start_s3() {
  if [ $# -lt 2 ]; then
    echo "usage: start_s3 DATA_DIR PORT [BUCKET...]" >&2
    return 2
  fi
  local data_dir port=$2
  data_dir=$(mkdir -p "$1" && cd "$1" && pwd) || return 1
  shift 2
  _local_check_node || return 1
  _local_start "S3 (127.0.0.1:$port)" "$data_dir/logs/s3.log" \
    node "$LOCAL_SERVICES_NODE_DIR/s3-server.js" "$port" "$data_dir/s3" "$@"
}

start_sqs() {
  if [ $# -ne 2 ]; then
    echo "usage: start_sqs DATA_DIR PORT" >&2
    return 2
  fi
  local data_dir port=$2
  data_dir=$(mkdir -p "$1" && cd "$1" && pwd) || return 1
  _local_check_node || return 1
  _local_start "SQS (127.0.0.1:$port)" "$data_dir/logs/sqs.log" \
    node "$LOCAL_SERVICES_NODE_DIR/sqs-server.js" "$port"
}

start_smtp() {
  if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: start_smtp MAIL_DIR PORT [LOG_DIR]" >&2
    return 2
  fi
  local mail_dir port=$2 log_dir
  mail_dir=$(mkdir -p "$1" && cd "$1" && pwd) || return 1
  log_dir=${3:-$(dirname "$mail_dir")/logs}
  _local_start "SMTP (127.0.0.1:$port)" "$log_dir/smtp.log" \
    /usr/bin/python3 "$LOCAL_SERVICES_NODE_DIR/smtp-server.py" --port "$port" --maildir "$mail_dir"
}

stop_local_service() {
  local pid=$1 waited=0
  kill "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge 100 ]; then
      echo "Process $pid ignored SIGTERM for 10 s; killing it." >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  wait "$pid" 2>/dev/null || true
  return 0
}

stop_local_services() {
  local pid dir status=0
  for pid in ${LOCAL_SERVICES_PIDS[@]+"${LOCAL_SERVICES_PIDS[@]}"}; do
    stop_local_service "$pid"
  done
  LOCAL_SERVICES_PIDS=()
  for dir in ${LOCAL_SERVICES_PG_DIRS[@]+"${LOCAL_SERVICES_PG_DIRS[@]}"}; do
    stop_postgres "$dir" || status=1
  done
  LOCAL_SERVICES_PG_DIRS=()
  return $status
}

# ./run.sh distributed: the production shape on one machine. Sourced by run.sh after the build.
# Starts PostgreSQL, an S3-compatible server, an SQS-compatible server and an SMTP server that writes
# <data>/mail/*.eml, creates the bucket and queues, migrates the database, then runs each role as its
# own process (the role's name in its command line) and starts again any that dies, as Kubernetes would.
# Ctrl-C stops everything it started and nothing else.

# run_distributed GATEWAY_URL VIDEO_WORKERS [ARGS...]
run_distributed() {
  local gateway_url=$1 video_workers=$2; shift 2
  source scripts/local-services.sh
  local_services_install || return 1

  local data
  data=$(realpath -m "${Vidsnap__DataDirectory:-./data}")
  mkdir -p "$data/logs" "$data/mail"
  local pg s3 sqs smtp auth api
  pg=$(free_port); s3=$(free_port); sqs=$(free_port); smtp=$(free_port); auth=$(free_port); api=$(free_port)

  STOPPING=0
  SUPERVISORS=()
  trap 'stop_distributed; exit 130' INT TERM
  trap 'stop_distributed' EXIT

  start_postgres "$data" "$pg" || return 1
  start_s3 "$data" "$s3" || return 1
  start_sqs "$data" "$sqs" || return 1
  start_smtp "$data/mail" "$smtp" "$data/logs" || return 1

  export Vidsnap__Mode=distributed
  export Vidsnap__DataDirectory="$data"
  export ConnectionStrings__Vidsnap="Host=127.0.0.1;Port=$pg;Database=vidsnap;Username=vidsnap;Password=vidsnap"
  # s3rver accepts its own default key pair; the SQS server accepts any.
  export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER
  export AWS_ENDPOINT_URL_S3="http://127.0.0.1:$s3" AWS_ENDPOINT_URL_SQS="http://127.0.0.1:$sqs"
  export Smtp__Host=127.0.0.1 Smtp__Port=$smtp Smtp__Security=None
  export Jwt__JwksUrl="http://127.0.0.1:$auth/auth/.well-known/jwks.json"
  export Gateway__AuthUrl="http://127.0.0.1:$auth" Gateway__ApiUrl="http://127.0.0.1:$api"
  # Every role must share one master key (it encrypts the key ring that encrypts signing keys and webhook
  # secrets); on a machine of your own it is made once in the data directory, owner-only.
  if [ -z "${Secrets__MasterKey:-}" ]; then
    mkdir -p "$data/secrets" && chmod 700 "$data/secrets"
    [ -s "$data/secrets/master.key" ] || (umask 077 && head -c 32 /dev/urandom | base64 >"$data/secrets/master.key")
    export Secrets__MasterKey="$(cat "$data/secrets/master.key")"
  fi

  echo "Creating the bucket and queues, migrating the database..." >&2
  dotnet artifacts/host/vidsnap.dll setup "--Vidsnap:DataDirectory=$data" >>"$data/logs/setup.log" 2>&1 || { tail -20 "$data/logs/setup.log" >&2; return 1; }
  dotnet artifacts/host/vidsnap.dll migrate "--Vidsnap:DataDirectory=$data" >>"$data/logs/setup.log" 2>&1 || { tail -20 "$data/logs/setup.log" >&2; return 1; }

  # Each role also gets a management port of its own (readiness, metrics), free like its public one.
  local gateway_management
  gateway_management=$(free_port)
  supervise auth "http://127.0.0.1:$auth" "$(free_port)" "$data" "$@"
  supervise api "http://127.0.0.1:$api" "$(free_port)" "$data" "$@"
  # Video workers compete for the same queue, as pods do: each takes the next job when it is free.
  # VIDEO_WORKER_CPUS="0 1" (opt-in, for benchmarks) pins worker n to the nth CPU listed with taskset, its
  # ffmpegs with it; workers past the list, and all of them when it is unset, run unpinned.
  local n cpus=()
  read -ra cpus <<<"${VIDEO_WORKER_CPUS:-}"
  for n in $(seq 1 "$video_workers"); do
    SUPERVISE_CPU=${cpus[n - 1]:-} SUPERVISE_NAME=$([ "$video_workers" -eq 1 ] && echo video-worker || echo "video-worker-$n") \
      supervise video-worker "http://127.0.0.1:$(free_port)" "$(free_port)" "$data" "$@"
  done
  supervise status-worker "http://127.0.0.1:$(free_port)" "$(free_port)" "$data" "$@"
  supervise notifier "http://127.0.0.1:$(free_port)" "$(free_port)" "$data" "$@"
  supervise gateway "$gateway_url" "$gateway_management" "$data" "$@"

  # The gateway's management URL: its public address at the management port.
  local gateway_base=${gateway_url%/}
  local health=${gateway_base%:*}:$gateway_management/health/ready
  for _ in $(seq 1 120); do
    curl -sf "${health/\/\/+:/\/\/localhost:}" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "Vidsnap is ready on $gateway_url (distributed mode: one process per role; logs in $data/logs)" >&2
  while [ "$STOPPING" -eq 0 ]; do
    sleep 1
  done
}

# supervise ROLE URLS MANAGEMENT_PORT DATA [ARGS...]: runs one role, and runs it again whenever it exits.
# SUPERVISE_NAME names its log and messages when one role runs as several processes; SUPERVISE_CPU pins it.
supervise() {
  local role=$1 urls=$2 management=$3 data=$4 name=${SUPERVISE_NAME:-$1}; shift 4
  local pin=()
  [ -n "${SUPERVISE_CPU:-}" ] && pin=(taskset -c "$SUPERVISE_CPU")
  (
    # A role's non-zero exit is the event handled here, not an error that ends the loop.
    set +e
    child=0
    trap '[ $child -ne 0 ] && kill -TERM $child 2>/dev/null; wait $child 2>/dev/null; exit 0' TERM INT
    while true; do
      ${pin[@]+"${pin[@]}"} dotnet artifacts/host/vidsnap.dll --role "$role" --urls "$urls" "--Management:Port=$management" "--Vidsnap:DataDirectory=$data" "$@" >>"$data/logs/$name.log" 2>&1 &
      child=$!
      wait $child
      code=$?
      echo "$(date -u +%H:%M:%S) $name exited ($code); starting it again" >&2
      sleep 1
    done
  ) &
  SUPERVISORS+=($!)
  echo "Started $name (logs: $data/logs/$name.log; readiness and metrics on port $management)${SUPERVISE_CPU:+ on CPU $SUPERVISE_CPU}" >&2
}

stop_distributed() {
  # run.sh runs with set -e; a supervisor's exit status here must not cut the clean-up short.
  set +e
  STOPPING=1
  local pid
  for pid in ${SUPERVISORS[@]+"${SUPERVISORS[@]}"}; do kill -TERM "$pid" 2>/dev/null; done
  for pid in ${SUPERVISORS[@]+"${SUPERVISORS[@]}"}; do wait "$pid" 2>/dev/null; done
  SUPERVISORS=()
  stop_local_services
}

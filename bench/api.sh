#!/usr/bin/env bash
# Benchmark: what the api answers per second through the gateway, against a bare Kestrel app answering the
# same JSON (bench/BareKestrel), in one run on one machine. wrk, 2 threads, CONNECTIONS connections,
# DURATION seconds per row after a warm-up; prints a Markdown table (requests/s, p50, p99, ratio to the bare
# app) and writes it to artifacts/bench-api.md. See bench/README.md.
#
#   bench/api.sh                          embedded mode (one process) and the bare app
#   MODES="embedded distributed" bench/api.sh   also ./run.sh distributed (one process per role, one YARP hop)
#   CONNECTIONS=64 DURATION=20 bench/api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
source scripts/local-services.sh

MODES=${MODES:-embedded}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10}
RESULTS=${BENCH_API_RESULTS:-artifacts/bench-api.md}
say() { echo "$*" >&2; }

ensure_dotnet
ensure_apt wrk wrk
ensure_apt curl curl
ensure_apt jq jq
say "Building..."
dotnet build src/Vidsnap.Host -c Release -o artifacts/host --nologo -v quiet -clp:ErrorsOnly >&2
dotnet build bench/BareKestrel -c Release -o artifacts/bare-kestrel --nologo -v quiet -clp:ErrorsOnly >&2

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_for() { # URL: until it answers
  for _ in $(seq 1 600); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
  say "error: $1 did not answer"; return 1
}

# measure NAME URL [HEADER]: one wrk run after a warm-up; prints "rps p50_ms p99_ms non2xx".
measure() {
  local url=$1 header=${2:-}
  local args=(-t2 "-c$CONNECTIONS" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  wrk "${args[@]}" -d3s "$url" >/dev/null
  local out
  out=$(wrk "${args[@]}" "-d${DURATION}s" "$url")
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<<"$out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${non2xx:-0}"
}
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

rows=()
row() { # LABEL MEASUREMENT BARE_RPS
  read -r rps p50 p99 non2xx <<<"$2"
  local ratio
  ratio=$(awk -v a="$rps" -v b="$3" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
  rows+=("| $1 | $rps | $p50 | $p99 | $ratio | $non2xx |")
  say "  $1: $rps req/s, p50 $p50 ms, p99 $p99 ms, ratio $ratio"
}

# Signs up, signs in and creates 20 videos so the list answers a full page like the bare app's; prints the token.
prepare_user() {
  local base=$1 email="bench-$RANDOM$RANDOM@example.com" password="correct horse battery" token
  curl -fsS -o /dev/null -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/auth/register"
  token=$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/auth/login" | jq -r .accessToken)
  for i in $(seq 1 20); do
    curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"fileName\":\"clip-$i.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":1000000}" "$base/api/videos"
  done
  echo "$token"
}

bare_port=$(free_port)
say "Bare Kestrel on $bare_port"
setsid dotnet artifacts/bare-kestrel/BareKestrel.dll --urls "http://127.0.0.1:$bare_port" >"$work/bare.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$bare_port/api/videos"
bare=$(measure "http://127.0.0.1:$bare_port/api/videos")
bare_rps=${bare%% *}
row "bare Kestrel, same JSON" "$bare" "$bare_rps"
kill -TERM -- "-${pids[-1]}" 2>/dev/null || true

for mode in $MODES; do
  port=$(free_port)
  say "Vidsnap $mode on $port"
  export Vidsnap__DataDirectory="$work/$mode" Gateway__SignInPermitsPerMinute=100000 Logging__LogLevel__Default=Warning
  if [ "$mode" = embedded ]; then
    setsid dotnet artifacts/host/vidsnap.dll --urls "http://127.0.0.1:$port" "--Management:Port=$(free_port)" >"$work/$mode.log" 2>&1 &
  else
    setsid ./run.sh distributed --urls "http://127.0.0.1:$port" >"$work/$mode.log" 2>&1 &
  fi
  pids+=($!)
  wait_for "http://127.0.0.1:$port/health"
  base="http://127.0.0.1:$port"
  token=$(prepare_user "$base")
  row "$mode: GET /api/videos, no token (401)" "$(measure "$base/api/videos")" "$bare_rps"
  row "$mode: GET /api/videos, access token, 20 videos" "$(measure "$base/api/videos" "Authorization: Bearer $token")" "$bare_rps"
  row "$mode: GET /api/videos/{missing}, access token (404)" "$(measure "$base/api/videos/$(cat /proc/sys/kernel/random/uuid)" "Authorization: Bearer $token")" "$bare_rps"
  kill -TERM -- "-${pids[-1]}" 2>/dev/null || true
  sleep 2
done

{
  echo "| what | requests/s | p50 ms | p99 ms | ratio to bare | non-2xx |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s after a 3 s warm-up; $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(date -u +%Y-%m-%d); client and server on the same machine."
} | tee "$RESULTS"

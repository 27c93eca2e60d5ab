#!/usr/bin/env bash
# Benchmark: a long video at 1 frame a second end to end through the real distributed stack (./run.sh
# distributed), unsplit on one video-worker process, split on one, and split on two, each worker pinned to a
# core of its own with taskset; and, on the same input in the same run, the references: the decode alone and
# the naive ffmpeg command for the same frames. Prints two Markdown tables (the runs; the speed-ups and the
# cost of the split) with a machine line and notes, and writes them to artifacts/bench-segments.md. Exits 1
# when (c) over (b) is below TARGET, 2 when a run fails (or the three give different frames). See bench/README.md.
#
#   bench/segments.sh                          20-min 1080p30 H.264, a keyframe every 2 s (generated once, cached)
#   bench/segments.sh --input A.mp4 --input B.mov      these files instead (every configuration on each)
#   BENCH_KEYS="2 10" BENCH_CODECS="h264 hevc" bench/segments.sh   these keyframe intervals (s) x codecs
#   BENCH_SECONDS=60 bench/segments.sh         generated inputs this long (quick checks of the script)
#   SPLIT_ABOVE=0 TARGET=0 BENCH_SECONDS=60 bench/segments.sh      splitting off in (b) and (c) too, no target
#   SPLIT_ABOVE=30 SEGMENT_SECONDS=10 BENCH_SECONDS=60 bench/...   split a short input (VideoWorker settings)
#   CONFIGS="a c" bench/segments.sh            only these configurations (a b c); REFS=0 skips the references
#   CONFIGS="" REFS=decode bench/segments.sh   only the decode references: one core, and two halves side by side
#   GENERATE_ONLY=1 bench/segments.sh          make the inputs and stop (minutes: long ones repeat a 60 s encoding)
#   BENCH_LOOP=0 bench/segments.sh             encode long inputs whole, not repeated (most of an hour for 20 min)
# Configurations: (a) VideoWorker__SplitAboveSeconds=0, --video-workers 1, the worker on the first of
# BENCH_CPUS; (b) split (SPLIT_ABOVE, else the worker's default), 1 worker on the first CPU; (c) split, 2
# workers on the first two CPUs. Each gets a fresh stack (data in a temporary directory), stopped after it.
# Other knobs: TARGET ((c) over (b), default 1.8; 0 = none), BENCH_CPUS (default "0 1"), POLL_INTERVAL (s,
# default 1: the wait's sampling of ffmpegs), POLL_TIMEOUT (s, default twice the input's duration + 600), BENCH_INPUTS (input cache, default
# artifacts/bench-inputs), BENCH_SEGMENTS_RESULTS (default artifacts/bench-segments.md), BENCH_SEGMENTS_LOGS
# (each stack's logs are kept there, default artifacts/bench-segments-logs).
set -euo pipefail
# EPOCHREALTIME and awk print numbers with the locale's decimal point; the script reads them with a dot.
export LC_NUMERIC=C
SCRIPT=$0

source "$(dirname "$0")/command-line.sh"

cd "$(dirname "$0")/.."
source scripts/common.sh
source scripts/local-services.sh   # free_port

BENCH_SECONDS=${BENCH_SECONDS:-1200}
BENCH_LOOP=${BENCH_LOOP:-1}
CONFIGS=${CONFIGS-a b c}
REFS=${REFS:-1}
TARGET=${TARGET:-1.8}
SPLIT_ABOVE=${SPLIT_ABOVE:-}
SEGMENT_SECONDS=${SEGMENT_SECONDS:-}
POLL_INTERVAL=${POLL_INTERVAL:-1}
POLL_TIMEOUT=${POLL_TIMEOUT:-}
INPUTS=${BENCH_INPUTS:-artifacts/bench-inputs}
RESULTS=${BENCH_SEGMENTS_RESULTS:-artifacts/bench-segments.md}
LOGS=${BENCH_SEGMENTS_LOGS:-artifacts/bench-segments-logs}
BUILD_LOCK=/tmp/vidsnap-build.lock
# The api's default upload limit (Api:MaxUploadBytes, 2 GiB); 20 min at 16 Mbit/s is about 2.4 GB, so a
# bigger input raises it for the run (said in the notes).
DEFAULT_MAX_UPLOAD=$((2 * 1024 * 1024 * 1024))
# The most frames a request may ask for (Api:MaxFramesCap and VideoWorker:MaxFrames, both 10000 by default).
FRAMES_CAP=10000
read -ra CODECS <<<"${BENCH_CODECS:-h264}"
read -ra KEYS <<<"${BENCH_KEYS:-2}"
read -ra CPUS <<<"${BENCH_CPUS:-0 1}"

now() { echo "$EPOCHREALTIME"; }
# calc EXPR [DECIMALS]: floating-point arithmetic (awk), printed with DECIMALS places (default 2).
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
# lt A B: succeeds when A < B (floats).
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
in_list() { local x=$1 y; shift; for y in "$@"; do [ "$x" = "$y" ] && return 0; done; return 1; }
has_config() { [[ " $CONFIGS " == *" $1 "* ]]; }
duration_of() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }

# --- settings -----------------------------------------------------------------------------------------
[[ $BENCH_SECONDS =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive integer (got '$BENCH_SECONDS')"
[[ $REFS =~ ^([01]|decode)$ ]] || die "REFS must be 0, 1 or decode (got '$REFS')"
[[ $BENCH_LOOP =~ ^[01]$ ]] || die "BENCH_LOOP must be 0 or 1 (got '$BENCH_LOOP')"
[[ $TARGET =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "TARGET must be a number such as 1.8, or 0 for none (got '$TARGET')"
[[ -z $SPLIT_ABOVE || $SPLIT_ABOVE =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "SPLIT_ABOVE must be seconds, 0 = never split (got '$SPLIT_ABOVE')"
[[ -z $SEGMENT_SECONDS || $SEGMENT_SECONDS =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "SEGMENT_SECONDS must be seconds (got '$SEGMENT_SECONDS')"
[[ $POLL_INTERVAL =~ ^[0-9]+(\.[0-9]+)?$ ]] && lt 0 "$POLL_INTERVAL" || die "POLL_INTERVAL must be a positive number of seconds (got '$POLL_INTERVAL')"
[[ -z $POLL_TIMEOUT || $POLL_TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "POLL_TIMEOUT must be a positive integer (got '$POLL_TIMEOUT')"
for c in $CONFIGS; do in_list "$c" a b c || die "unknown configuration '$c' in CONFIGS (a b c)"; done
[ -n "${CONFIGS// /}" ] || [ "$REFS" != 0 ] || die "CONFIGS is empty and REFS=0: nothing to measure"
if [ ${#CODECS[@]} = 0 ] || [ ${#KEYS[@]} = 0 ]; then die "BENCH_CODECS and BENCH_KEYS must not be empty"; fi
for c in "${CODECS[@]}"; do in_list "$c" h264 hevc || die "unknown codec '$c' in BENCH_CODECS (h264 hevc)"; done
for i in "${!KEYS[@]}"; do
  k=${KEYS[$i]#k}; k=${k%s}
  [[ $k =~ ^[1-9][0-9]*$ ]] || die "BENCH_KEYS takes keyframe intervals in whole seconds such as '2 10' (got '${KEYS[$i]}')"
  KEYS[i]=$k
done
[ ${#CPUS[@]} -ge 2 ] || die "BENCH_CPUS needs two CPUs, one per worker in (c) (got '${CPUS[*]}')"

# --- tools -------------------------------------------------------------------------------------------
ensure_apt ffmpeg ffmpeg
ensure_apt unzip unzip
ensure_apt curl curl
ensure_apt jq jq
ensure_apt util-linux taskset
ensure_apt iproute2 ss
for cpu in "${CPUS[@]:0:2}"; do
  taskset -c "$cpu" true 2>/dev/null || die "cannot pin to CPU $cpu (BENCH_CPUS='${CPUS[*]}'; this machine has $(nproc) CPUs: $(taskset -pc $$ | awk -F': ' '{ print $2 }'))"
done
CPU_A=${CPUS[0]} CPU_B=${CPUS[1]}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/vidsnap-seg.XXXXXX")
PARTIAL="" STACK_PID="" STACK_DATA=""
exec 9>>"$BUILD_LOCK"
cleanup() {
  if [ -n "$STACK_PID" ]; then stop_stack || true; fi
  if [ -n "$PARTIAL" ]; then rm -f "$PARTIAL"; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

# --- inputs (generated once, cached; the names are bench/extraction.sh's, so the two share the cache) ---
GEN_SECONDS=0
IN_FILE=() IN_LABEL=() IN_GEN=()

# encode_input OUT SECONDS CODEC KEY: 1080p30 test pattern with temporal noise (so it does not compress
# trivially) and a tone, yuv420p, a keyframe every KEY s exactly: the generator of bench/extraction.sh.
encode_input() {
  local out=$1 seconds=$2 codec=$3 g=$((30 * $4)) video
  case $codec in
    h264) video=(-c:v libx264 -preset veryfast -crf 23 -maxrate 16M -bufsize 16M -g "$g" -keyint_min "$g" -sc_threshold 0) ;;
    hevc) video=(-c:v libx265 -preset ultrafast -crf 26 -maxrate 16M -bufsize 16M -x265-params "keyint=$g:min-keyint=$g:scenecut=0:log-level=error" -tag:v hvc1) ;;
  esac
  PARTIAL=$out.part
  ffmpeg -nostdin -v error -stats -f lavfi -i "testsrc2=size=1920x1080:rate=30" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$seconds" -vf "noise=alls=12:allf=t" \
    "${video[@]}" -pix_fmt yuv420p -c:a aac -b:a 128k -f mp4 -y "$PARTIAL" || die "generating $out failed"
  mv "$PARTIAL" "$out"
  PARTIAL=""
}

# loop_unit SECONDS KEY: a long input is a shorter encoding's video repeated by stream copy (as
# bench/extraction.sh makes its big input), since encoding 20 minutes with noise takes most of an hour on 2
# cores: 60 s rounded up to whole keyframe intervals, when that divides SECONDS at least 3 times; else 0 (encode
# it all).
loop_unit() {
  local seconds=$1 key=$2 unit
  [ "$BENCH_LOOP" = 1 ] || { echo 0; return; }
  unit=$(((60 + key - 1) / key * key))
  if [ "$seconds" -ge $((3 * unit)) ] && [ $((seconds % unit)) = 0 ]; then echo "$unit"; else echo 0; fi
}

# input_name CODEC KEY SECONDS [LOOP]: the cache file; a changed generator setting must change the name.
input_name() {
  local codec=$1 key=$2 seconds=$3 loop=${4:-0} enc
  case $codec in
    h264) enc=h264-veryfast-crf23-max16M ;;
    hevc) enc=hevc-ultrafast-crf26-max16M ;;
  esac
  [ "$loop" = 0 ] || enc+=-loop${loop}s
  echo "$INPUTS/testsrc2-noise-1080p30-${seconds}s-k${key}s-scenecut0-$enc-v2.mp4"
}

# loop_input OUT SECONDS UNIT UNIT_SECONDS: UNIT's video (no audio: AAC frames do not end where the video does, and the
# repeats would drift) repeated to SECONDS by stream copy, keyframes and all, with a fresh tone beside it.
loop_input() {
  local out=$1 seconds=$2 unit=$3 unit_seconds=$4 silent=$TMP/loop-video.mp4
  ffmpeg -nostdin -v error -i "$unit" -map 0:v -c copy -f mp4 -y "$silent" || die "extracting the video of $unit failed"
  PARTIAL=$out.part
  ffmpeg -nostdin -v error -stream_loop $((seconds / unit_seconds - 1)) -i "$silent" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -map 0:v -map 1:a -c:v copy -c:a aac -b:a 128k -shortest \
    -f mp4 -y "$PARTIAL" || die "generating $out failed"
  mv "$PARTIAL" "$out"
  PARTIAL=""
  rm -f "$silent"
}

if [ "${#GIVEN[@]}" -gt 0 ]; then
  for f in "${GIVEN[@]}"; do IN_FILE+=("$f") IN_LABEL+=("$(basename "$f")") IN_GEN+=(""); done
else
  for c in "${CODECS[@]}"; do for k in "${KEYS[@]}"; do
    loop=$(loop_unit "$BENCH_SECONDS" "$k")
    IN_FILE+=("$(input_name "$c" "$k" "$BENCH_SECONDS" "$loop")") IN_LABEL+=("$c 1080p k${k}s ${BENCH_SECONDS}s") IN_GEN+=("$BENCH_SECONDS $c $k $loop")
  done; done
fi

mkdir -p "$INPUTS"
for i in "${!IN_FILE[@]}"; do
  [ -n "${IN_GEN[$i]}" ] || continue
  [ -s "${IN_FILE[$i]}" ] && continue
  read -r seconds codec key loop <<<"${IN_GEN[$i]}"
  say "Generating ${IN_LABEL[$i]} -> ${IN_FILE[$i]} ..."
  t0=$(now)
  if [ "$loop" = 0 ]; then
    encode_input "${IN_FILE[$i]}" "$seconds" "$codec" "$key"
  else
    unit=$(input_name "$codec" "$key" "$loop")
    if [ ! -s "$unit" ]; then
      say "  encoding its ${loop} s unit -> $unit ..."
      encode_input "$unit" "$loop" "$codec" "$key"
    fi
    say "  repeating the unit's video $((seconds / loop)) times by stream copy..."
    loop_input "${IN_FILE[$i]}" "$seconds" "$unit" "$loop"
  fi
  t=$(calc "$(now) - $t0" 1)
  GEN_SECONDS=$(calc "$GEN_SECONDS + $t" 1)
  say "  done in ${t} s ($(calc "$(stat -c %s "${IN_FILE[$i]}") / 1000000" 0) MB)"
done
[ "${GENERATE_ONLY:-0}" = 1 ] && { say "Inputs ready in $INPUTS."; exit 0; }

# describe INPUT: size, codec, duration, bit rate, and the keyframe interval measured from the packets.
describe() {
  local start
  start=$(ffprobe -v error -show_entries format=start_time -of csv=p=0 "$1")
  {
    ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height:format=duration,bit_rate,size -of default=nw=1 "$1"
    ffprobe -v error -select_streams v:0 -show_entries packet=pts_time,flags -of csv=p=0 "$1" |
      awk -F, -v s="${start:-0}" '$2 ~ /K/ && $1 != "N/A" { printf "key=%.6f\n", $1 - s }' | sort -t= -k2 -g
  } | awk -F= '$1 == "key" { n++; if (n == 1) first = $2; last = $2; next } { v[$1] = $2 }
      END {
        printf "%dx%d %s, %.1f s, %.1f Mbit/s, %d MB", v["width"], v["height"], v["codec_name"], v["duration"], v["bit_rate"] / 1e6, v["size"] / 1e6
        if (n > 1) printf ", a keyframe every %.2f s", (last - first) / (n - 1)
      }'
}

# --- the stack ----------------------------------------------------------------------------------------
# session_pids: every process of the stack's session (run.sh is its leader), and any whose command line names
# its data directory (PostgreSQL, should it have left the session).
session_pids() {
  local snapshot
  # ps first, awk after: awk's own command line names the directory too.
  snapshot=$(ps -e -o pid=,sid=,args=)
  awk -v sid="$STACK_SID" -v data="$STACK_DATA" '$2 == sid || index($0, data " ") || index($0, data "/") { print $1 }' <<<"$snapshot"
}

# listening_ports PIDS...: the TCP ports these processes listen on.
listening_ports() {
  local pids=" $* "
  ss -ltnpH 2>/dev/null | awk -v pids="$pids" '{ port = $4; sub(/.*:/, "", port); s = $0
      while (match(s, /pid=[0-9]+/)) { p = substr(s, RSTART + 4, RLENGTH - 4); s = substr(s, RSTART + RLENGTH)
        if (index(pids, " " p " ")) { print port; break } } }' | sort -un
}

port_busy() { [ -n "$(ss -ltnH "sport = :$1" 2>/dev/null)" ]; }

# start_stack LABEL WORKERS SPLIT CPUS: ./run.sh distributed on a free port with a fresh data directory; the
# VideoWorker settings and the pinning by env vars. run.sh builds artifacts/host first: that build runs under
# the shared build lock, released once the roles start. Sets STACK_PID, STACK_SID, STACK_DATA, BASE.
start_stack() {
  local label=$1 workers=$2 split=$3 cpus=$4 port attempt log ready p
  log=$TMP/run-$label.log
  for attempt in 1 2 3; do
    STACK_DATA=$TMP/$label
    rm -rf "$STACK_DATA"
    port=$(free_port)
    port_busy "$port" && continue
    BASE=http://127.0.0.1:$port
    say "Starting the stack for ($label): $workers video worker(s) on CPU(s) $cpus, SplitAboveSeconds=$split${SEGMENT_SECONDS:+, SegmentSeconds=$SEGMENT_SECONDS}, on $BASE"
    flock 9
    : >"$log"
    (
      exec 9>&-
      export Vidsnap__DataDirectory="$STACK_DATA" VIDEO_WORKER_CPUS="$cpus"
      if [ "$split" = default ]; then unset VideoWorker__SplitAboveSeconds; else export VideoWorker__SplitAboveSeconds="$split"; fi
      if [ -n "$SEGMENT_SECONDS" ]; then export VideoWorker__SegmentSeconds="$SEGMENT_SECONDS"; fi
      if [ "$MAX_UPLOAD" -gt "$DEFAULT_MAX_UPLOAD" ]; then export Api__MaxUploadBytes="$MAX_UPLOAD"; fi
      exec setsid ./run.sh distributed --urls "$BASE" --video-workers "$workers"
    ) >"$log" 2>&1 &
    STACK_PID=$!
    # The build is over when run.sh says it starts, or when it has exited.
    while kill -0 "$STACK_PID" 2>/dev/null && ! grep -q '^Starting Vidsnap' "$log"; do sleep 0.5; done
    flock -u 9
    STACK_SID=$(ps -o sid= -p "$STACK_PID" 2>/dev/null | tr -d ' ' || true)
    [ -n "$STACK_SID" ] || STACK_SID=$STACK_PID
    # Stopping the stack stops its session: never ours.
    [ "$STACK_SID" != "$(ps -o sid= -p $$ | tr -d ' ')" ] || { say "  setsid did not give run.sh a session of its own"; STACK_SID=$STACK_PID; }
    ready=0
    for _ in $(seq 1 300); do
      kill -0 "$STACK_PID" 2>/dev/null || break
      grep -q 'Vidsnap is ready on' "$log" && { ready=1; break; }
      sleep 0.5
    done
    if [ "$ready" = 1 ]; then break; fi
    say "  the stack did not start (attempt $attempt of 3); the end of its output:"
    tail -n 15 "$log" | sed 's/^/    /' >&2
    stop_stack || true
    # A build error is often another helper's file mid-edit: wait for them, then try again.
    grep -qE 'error [A-Z]+[0-9]+|Build FAILED' "$log" && [ "$attempt" -lt 3 ] && say "  (a build error: trying again in 60 s)" && sleep 60
  done
  [ "$ready" = 1 ] || return 1
  # Every role's readiness on its management port: the video workers must be on the queue before the timing.
  for p in $(sed -n 's/.*readiness and metrics on port \([0-9]*\).*/\1/p' "$log"); do
    for _ in $(seq 1 240); do curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$p/health/ready" 2>/dev/null && break; sleep 0.5; done
    curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$p/health/ready" 2>/dev/null || { say "  a role is not ready on management port $p"; return 1; }
  done
  # shellcheck disable=SC2046 # pids are meant to split
  STACK_PORTS=$(listening_ports $(session_pids))
  # Every assembly of Vidsnap's: a change to any role's code (the outbox relay's, say) makes another build.
  BUILD_ID=$(md5sum artifacts/host/Vidsnap.*.dll artifacts/host/vidsnap.dll 2>/dev/null | md5sum | cut -c1-8)
}

# check_pinning CPUS: the video-worker processes run on these CPUs, one each.
check_pinning() {
  local want=" $1 " got="" p
  for p in $(ps -e -o pid=,sid=,args= | awk -v sid="$STACK_SID" '$2 == sid && /--role video-worker/ && !/taskset/ { print $1 }'); do
    got+="$(awk '/^Cpus_allowed_list:/ { print $2 }' "/proc/$p/status" 2>/dev/null) "
  done
  say "  video-worker processes on CPUs: ${got:-none}"
  [ "$(tr ' ' '\n' <<<"$got" | grep -v '^$' | sort | tr '\n' ' ')" = "$(tr ' ' '\n' <<<"$want" | grep -v '^$' | sort | tr '\n' ' ')" ] ||
    { say "  the video workers are not pinned as asked (want CPUs$want, got ${got:-none})"; return 1; }
}

# stop_stack: SIGTERM to run.sh (it stops its roles and servers), then whatever of its session is left, by
# pid; returns once nothing of it runs and none of its ports is held.
stop_stack() {
  [ -n "$STACK_PID" ] || return 0
  local left p
  kill -TERM "$STACK_PID" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$STACK_PID" 2>/dev/null || break; sleep 0.5; done
  wait "$STACK_PID" 2>/dev/null || true
  left=$(session_pids)
  if [ -n "$left" ]; then
    say "  left behind after run.sh stopped: $(ps -o pid=,args= -p "$(tr '\n' ',' <<<"$left" | sed 's/,$//')" 2>/dev/null | cut -c1-100 | tr '\n' ';')"
    # shellcheck disable=SC2086 # pids are meant to split
    kill -TERM $left 2>/dev/null || true
    for _ in $(seq 1 20); do [ -z "$(session_pids)" ] && break; sleep 0.5; done
    left=$(session_pids)
    # shellcheck disable=SC2086
    [ -n "$left" ] && kill -KILL $left 2>/dev/null
    sleep 1
  fi
  STACK_PID=""
  [ -z "$(session_pids)" ] || { say "  processes of the stack are still running: $(session_pids | tr '\n' ' ')"; return 1; }
  for p in ${STACK_PORTS:-}; do
    for _ in $(seq 1 60); do port_busy "$p" || break; sleep 0.5; done
    port_busy "$p" && { say "  port $p is still held after the stack stopped"; return 1; }
  done
  say "  stopped: no process of the stack left, its $(wc -w <<<"${STACK_PORTS:-}") listening ports free"
  STACK_PORTS=""
  return 0
}

# keep_logs INPUT_INDEX LABEL: the stack's logs and run.sh's output, for reading afterwards.
keep_logs() {
  local dir=$LOGS/input$(($1 + 1))-$2
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -r "$STACK_DATA/logs/." "$dir/" 2>/dev/null || true
  cp "$TMP/run-$2.log" "$dir/run.sh.log" 2>/dev/null || true
}

# --- the client: sign up, verify, upload, time, check ----------------------------------------------------
api() { curl -sS --fail-with-body --max-time 60 "$@"; }

# sign_up: a fresh account, its address verified with the emailed code, and an API key (access tokens expire
# before a 20-minute video is done). Sets KEY.
sign_up() {
  local email="bench-$RANDOM$RANDOM@example.com" password="a long bench password" token code
  api -o /dev/null -X POST "$BASE/auth/register" -H 'content-type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" || return 1
  token=$(api -X POST "$BASE/auth/login" -H 'content-type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" | jq -r .accessToken) || return 1
  code=""
  for _ in $(seq 1 120); do
    # shellcheck disable=SC2046 # file names without spaces, newest first
    code=$(grep -ho 'this code: [A-Za-z0-9_-]*' $(ls -t "$STACK_DATA"/mail/*.eml 2>/dev/null) /dev/null 2>/dev/null | head -1 | cut -d' ' -f3 || true)
    [ -n "$code" ] && break
    sleep 0.5
  done
  [ -n "$code" ] || { say "  no email with a code arrived in $STACK_DATA/mail"; return 1; }
  api -o /dev/null -X POST "$BASE/auth/verify-email" -H 'content-type: application/json' -d "{\"code\":\"$code\"}" || return 1
  KEY=$(api -X POST "$BASE/api/keys" -H "authorization: Bearer $token" -H 'content-type: application/json' \
    -d '{"name":"bench","scopes":["videos:read","videos:write"]}' | jq -r .secret) || return 1
  [ -n "$KEY" ] && [ "$KEY" != null ]
}

content_type_of() {
  case ${1,,} in
    *.mp4 | *.m4v) echo video/mp4 ;;
    *.mov) echo video/quicktime ;;
    *.mkv) echo video/x-matroska ;;
    *.webm) echo video/webm ;;
    *.avi) echo video/x-msvideo ;;
    *) echo application/octet-stream ;;
  esac
}

# upload INPUT: creates the video (interval 1 s, maxFrames enough for every second) and sends its bytes, in
# parts when the slot has them; does not complete it. Sets VIDEO_ID and PARTS_JSON.
upload() {
  local in=$1 size video parts n i number offset length url etag part=$TMP/part headers=$TMP/part-headers
  size=$(stat -c %s "$in")
  video=$(api -X POST "$BASE/api/videos" -H "authorization: Bearer $KEY" -H 'content-type: application/json' -d "$(jq -nc \
    --arg f "$(basename "$in")" --arg t "$(content_type_of "$in")" --argjson s "$size" --argjson d "$DUR" --argjson m "$MAX_FRAMES" \
    '{fileName: $f, contentType: $t, sizeBytes: $s, durationSeconds: $d, options: {mode: "interval", intervalSeconds: 1, maxFrames: $m}}')") || return 1
  VIDEO_ID=$(jq -r .id <<<"$video")
  n=$(jq '.upload.parts // [] | length' <<<"$video")
  if [ "$n" = 0 ]; then
    local h=()
    readarray -t h < <(jq -r '.upload.headers // {} | to_entries[] | "-H", "\(.key): \(.value)"' <<<"$video")
    curl -sS --fail-with-body -o /dev/null -X PUT ${h[@]+"${h[@]}"} -T "$in" "$(jq -r .upload.url <<<"$video")" || return 1
    PARTS_JSON=""
    return 0
  fi
  parts="[]"
  for ((i = 0; i < n; i++)); do
    read -r number offset length url < <(jq -r ".upload.parts[$i] | \"\(.partNumber) \(.offset) \(.sizeBytes) \(.url)\"" <<<"$video")
    dd if="$in" of="$part" bs=4M iflag=skip_bytes,count_bytes skip="$offset" count="$length" status=none || return 1
    curl -sS --fail-with-body -o /dev/null -D "$headers" -T "$part" "$url" || return 1
    etag=$(awk 'tolower($1) == "etag:" { sub(/\r$/, ""); sub(/^[^:]*: */, ""); print }' "$headers")
    [ -n "$etag" ] || { say "  part $number: no ETag in the answer"; return 1; }
    parts=$(jq -c --argjson p "$number" --arg e "$etag" '. + [{partNumber: $p, eTag: $e}]' <<<"$parts")
  done
  rm -f "$part" "$headers"
  PARTS_JSON="{\"parts\":$parts}"
}

# ffmpeg_sample: notes each ffmpeg of the stack (by pid) with the CPUs it may run on: whether the segments
# ran on both workers, and that the workers' ffmpegs inherited the pinning. It runs once a poll on the cores the
# workers decode on, so it reads /proc with bash's own builtins: ps and awk cost about 20 ms of CPU a poll.
declare -A SEEN_FFMPEG=()
ffmpeg_sample() {
  local f p line rest sid allowed
  for f in /proc/[0-9]*/stat; do
    p=${f#/proc/}; p=${p%/stat}
    [ -n "${SEEN_FFMPEG[$p]:-}" ] && continue
    { read -r line <"$f"; } 2>/dev/null || continue
    [[ $line == *"(ffmpeg) "* ]] || continue
    # After the command's closing parenthesis: state, ppid, process group, session.
    rest=${line##*) }
    read -r _ _ _ sid _ <<<"$rest"
    [ "$sid" = "$STACK_SID" ] || continue
    allowed=?
    while read -r line; do
      [[ $line == Cpus_allowed_list:* ]] && { allowed=${line#*:}; allowed=${allowed//[[:space:]]/}; break; }
    done <"/proc/$p/status" 2>/dev/null || true
    SEEN_FFMPEG[$p]=$allowed
  done
}
ffmpeg_summary() {
  local p
  for p in "${!SEEN_FFMPEG[@]}"; do echo "${SEEN_FFMPEG[$p]:-?}"; done | sort | uniq -c | awk '{ printf "%s%d on CPU %s", (NR > 1 ? ", " : ""), $1, $2 }'
}

# cpu_snapshot: the CPU seconds each process of the stack has used, its reaped children (a worker's ffmpegs)
# included, one "name seconds" line each: a dotnet process by its role, anything else by its command name; this
# script's own as "bench".
# Then the machine's busy and steal seconds from /proc/stat as "machine-busy" and "machine-steal".
TICKS=$(getconf CLK_TCK)
# bench_cpu: this script and what it ran and reaped (its curls among them), CPU on the same cores but not the
# stack's. A snapshot reads it last, and the one after a row (cpu_snapshot after) first: the snapshots' own forks
# then fall outside the row.
bench_cpu() { local stat; read -r stat <"/proc/$$/stat"; awk -v t="$TICKS" '{ printf "bench %.2f\n", ($12 + $13 + $14 + $15) / t }' <<<"${stat##*) }"; }
cpu_snapshot() {
  local p name role
  [ "${1:-}" = after ] && bench_cpu
  for p in $(session_pids); do
    [ -r "/proc/$p/stat" ] || continue
    name=$(cat "/proc/$p/comm" 2>/dev/null) || continue
    role=$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | sed -n 's/.*--role \([a-z-]*\).*/\1/p')
    [ -n "$role" ] && [ "$name" != taskset ] && name=$role
    # The fields after the command's closing parenthesis: utime stime cutime cstime are the 12th to 15th.
    sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk -v n="$name" -v t="$TICKS" '{ printf "%s %.2f\n", n, ($12 + $13 + $14 + $15) / t }'
  done | awk '{ s[$1] += $2 } END { for (n in s) printf "%s %.2f\n", n, s[n] }'
  [ "${1:-}" = after ] || bench_cpu
  awk -v t="$TICKS" '/^cpu / { printf "machine-busy %.2f\nmachine-steal %.2f\n", ($2 + $3 + $4 + $7 + $8) / t, $9 / t }' /proc/stat
}

# cpu_between BEFORE AFTER: what each name used between two snapshots, the most first, as "name 12.3 s, ...".
cpu_between() {
  awk 'NR == FNR { a[$1] = $2; next } { d = $2 - a[$1]; if ($1 !~ /^machine-/) stack += d; else m[$1] = d
      if (d >= 0.05) printf "%s %.1f\n", $1, d }
      END { printf "outside-the-stack %.1f\n", m["machine-busy"] - stack }' "$1" "$2" |
    sort -k2 -gr | awk '{ printf "%s%s %s s", (NR > 1 ? ", " : ""), $1, $2 }'
}

# history_seconds VIDEO_JSON: from its history, the last Queued to the last Completed, as the server saw it.
history_seconds() {
  local q c
  q=$(jq -r '[.history[]? | select(.status == "Queued")] | last | .at // empty' <<<"$1")
  c=$(jq -r '[.history[]? | select(.status == "Completed")] | last | .at // empty' <<<"$1")
  if [ -n "$q" ] && [ -n "$c" ]; then calc "$(date -d "$c" +%s.%N) - $(date -d "$q" +%s.%N)" 1; else echo "-"; fi
}

# frame_names VIDEO_ID OUT: the zip's frame_* entries (unzip -Z1) to OUT, and the frames API's files to
# OUT.api, both in order. Sets API_TOTAL.
frame_names() {
  local id=$1 out=$2 zip=$TMP/frames.zip url offset=0 page
  url=$(api "$BASE/api/videos/$id/download" -H "authorization: Bearer $KEY" | jq -r .url) || return 1
  curl -sS --fail-with-body -o "$zip" "$url" || return 1
  { unzip -Z1 "$zip" || true; } | grep -E '(^|/)frame_[^/]*$' | sed 's#.*/##' | sort >"$out" || true
  rm -f "$zip"
  : >"$out.api"
  while :; do
    page=$(api "$BASE/api/videos/$id/frames?offset=$offset&limit=1000" -H "authorization: Bearer $KEY") || return 1
    API_TOTAL=$(jq -r .total <<<"$page")
    jq -r '.frames[].file' <<<"$page" >>"$out.api"
    offset=$((offset + $(jq '.frames | length' <<<"$page")))
    [ "$offset" -lt "$API_TOTAL" ] && [ "$(jq '.frames | length' <<<"$page")" -gt 0 ] || break
  done
  sort -o "$out.api" "$out.api"
}

# open_events / close_events: the video's event stream on the descriptor EVENTS, read by the row's wait; closing
# stops its curl and reaps it, so that its CPU is in this script's before the row's last snapshot.
EVENTS="" EVENTS_PID=""
open_events() {
  exec {EVENTS}< <(exec curl -sS -N --max-time "$timeout" "$BASE/api/videos/$VIDEO_ID/events" -H "authorization: Bearer $KEY" 2>/dev/null)
  EVENTS_PID=$!
}
close_events() {
  [ -n "$EVENTS" ] && exec {EVENTS}<&-
  [ -n "$EVENTS_PID" ] && { kill "$EVENTS_PID" 2>/dev/null || true; wait "$EVENTS_PID" 2>/dev/null || true; }
  EVENTS="" EVENTS_PID=""
}

# run_config INPUT_INDEX LABEL WORKERS SPLIT CPUS: one configuration on a fresh stack. Sets SECS, FRAMES,
# SERVER_SECS, COMPLETE_SECS, FFMPEGS; the frame names in $TMP/names-LABEL.
run_config() {
  local i=$1 label=$2 workers=$3 split=$4 cpus=$5 in=${IN_FILE[$1]} t0 t1 t2 timeout deadline video="" status line partial="" rc=0
  SECS="" FRAMES="" SERVER_SECS="-" COMPLETE_SECS="" FFMPEGS="" CPU_USE="" SEEN_FFMPEG=()
  start_stack "$label" "$workers" "$split" "$cpus" || { stop_stack; keep_logs "$i" "$label"; return 1; }
  check_pinning "$cpus" || rc=1
  [ "$rc" = 0 ] && { sign_up || { say "  signing up failed"; rc=1; }; }
  [ "$rc" = 0 ] && { say "  uploading $(calc "$(stat -c %s "$in") / 1000000" 0) MB..."; upload "$in" || { say "  the upload failed"; rc=1; }; }
  if [ "$rc" = 0 ]; then
    # The clock starts when the upload is complete: the POST that says so is sent.
    cpu_snapshot >"$TMP/cpu-$label.before"
    t0=$(now)
    if [ -n "$PARTS_JSON" ]; then
      # Assembling gigabytes of parts may take the store a while: this call gets 10 minutes.
      api --max-time 600 -o /dev/null -X POST "$BASE/api/videos/$VIDEO_ID/complete" -H "authorization: Bearer $KEY" -H 'content-type: application/json' -d "$PARTS_JSON" || rc=1
    else
      api -o /dev/null -X POST "$BASE/api/videos/$VIDEO_ID/complete" -H "authorization: Bearer $KEY" || rc=1
    fi
    t1=$(now)
    [ "$rc" = 0 ] || say "  completing the upload failed"
  fi
  if [ "$rc" = 0 ]; then
    COMPLETE_SECS=$(calc "$t1 - $t0" 2)
    # A stuck job (a segment never joined, say) ends the row after twice the video's length and 10 minutes.
    timeout=${POLL_TIMEOUT:-$(calc "2 * $DUR + 600" 0)}
    deadline=$(calc "$t0 + $timeout" 0)
    status=""
    # The row waits on the video's event stream, one curl for the whole row, as a client that wants to know at
    # once would: polling GET once a second cost this script, the gateway and the api about 65 ms of CPU a poll,
    # on the cores the workers decode on. The stream sends each change within a second; a stream that ends (its
    # credentials are checked again now and then) is opened again, and sends the video's state first.
    open_events
    while :; do
      ffmpeg_sample
      if read -r -t "$POLL_INTERVAL" -u "$EVENTS" line; then
        line=$partial$line partial=""
        [[ $line == data:*'"status":"Completed"'* ]] && status=Completed
        [[ $line == data:*'"status":"Failed"'* ]] && status=Failed
      elif [ $? -gt 128 ]; then
        # No whole line within the interval: what came is kept for the next read.
        partial+=$line
      else
        partial=""
        close_events
        sleep "$POLL_INTERVAL"
        open_events
      fi
      t2=$EPOCHREALTIME
      [ -n "$status" ] && break
      [ "${t2%.*}" -ge "$deadline" ] && { say "  not done after $timeout s"; rc=1; break; }
    done
    close_events
    video=$(api "$BASE/api/videos/$VIDEO_ID" -H "authorization: Bearer $KEY") || { say "  reading the video failed"; rc=1; }
    FFMPEGS=$(ffmpeg_summary)
    cpu_snapshot after >"$TMP/cpu-$label.after"
    CPU_USE=$(cpu_between "$TMP/cpu-$label.before" "$TMP/cpu-$label.after")
    if [ "$rc" = 0 ] && [ "$status" = Failed ]; then
      say "  the video Failed: $(jq -r .error <<<"$video")"
      rc=1
    fi
  fi
  if [ "$rc" = 0 ]; then
    SECS=$(calc "$t2 - $t0" 1)
    FRAMES=$(jq -r '.frameCount // 0' <<<"$video")
    SERVER_SECS=$(history_seconds "$video")
    frame_names "$VIDEO_ID" "$TMP/names-$label" || { say "  listing the frames failed"; rc=1; }
  fi
  if [ "$rc" = 0 ]; then
    local zipped
    zipped=$(wc -l <"$TMP/names-$label")
    [ "$zipped" = "$FRAMES" ] || { say "  the API says $FRAMES frames, the zip holds $zipped frame_* entries"; rc=1; }
    [ "$API_TOTAL" = "$FRAMES" ] && cmp -s "$TMP/names-$label" "$TMP/names-$label.api" ||
      { say "  the frames API ($API_TOTAL frames) and the zip list different frames"; rc=1; }
    say "  ($label) $SECS s from complete to Completed (history: $SERVER_SECS s; the complete POST took $COMPLETE_SECS s), $FRAMES frames; ffmpegs seen: ${FFMPEGS:-none}"
    say "  ($label) CPU seconds meanwhile: ${CPU_USE:-not measured}"
  fi
  stop_stack || rc=1
  keep_logs "$i" "$label"
  rm -rf "$STACK_DATA"
  return "$rc"
}

# run_ref CPUS|- COMMAND...: one reference, pinned to CPUS (or not, for -). Sets SECS.
run_ref() {
  local cpus=$1 t0 t1; shift
  local pin=()
  [ "$cpus" != - ] && pin=(taskset -c "$cpus")
  t0=$(now)
  "${pin[@]}" "$@" || { say "  failed: ${pin[*]} $*"; return 1; }
  t1=$(now)
  SECS=$(calc "$t1 - $t0" 1)
}

# run_halves INPUT: the first half of INPUT decoded on CPU_A while the second is on CPU_B; SECS until both end.
run_halves() {
  local t0 t1 first second rc=0
  HALF=$(calc "$DUR / 2" 3)
  t0=$(now)
  taskset -c "$CPU_A" ffmpeg -nostdin -v error -t "$HALF" -i "$1" -f null - & first=$!
  taskset -c "$CPU_B" ffmpeg -nostdin -v error -ss "$HALF" -i "$1" -f null - & second=$!
  wait "$first" || rc=1
  wait "$second" || rc=1
  t1=$(now)
  [ "$rc" = 0 ] || { say "  a half's decode failed"; return 1; }
  SECS=$(calc "$t1 - $t0" 1)
}

# --- the runs -----------------------------------------------------------------------------------------
ROWS=() SUMMARY=() NOTES=() FAILED=0 MISSED=0 BUILDS=() RAISED=0
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 | $6 |"); }
label_of() {
  case $1 in
    a) echo "(a) unsplit, 1 worker on CPU $CPU_A" ;;
    b) echo "(b) split, 1 worker on CPU $CPU_A" ;;
    c) echo "(c) split, 2 workers on CPUs $CPU_A, $CPU_B" ;;
  esac
}
SPLIT_SHOWN=${SPLIT_ABOVE:-"as the worker defaults it (600 unless configured)"}
SPLIT_ENV=${SPLIT_ABOVE:-default}

for i in "${!IN_FILE[@]}"; do
  in=${IN_FILE[$i]} name=${IN_LABEL[$i]}
  DUR=$(duration_of "$in")
  MAX_FRAMES=$(awk -v d="$DUR" -v cap="$FRAMES_CAP" 'BEGIN { m = int(d) + 2; print (m > cap ? cap : m) }')
  MAX_UPLOAD=$(stat -c %s "$in")
  say ""
  described=$(describe "$in")
  say "== $name: $described"
  NOTES+=("Input $name: $described ($in).")
  [ "$MAX_UPLOAD" -gt "$DEFAULT_MAX_UPLOAD" ] && RAISED=1
  declare -A S=() F=()

  if [ "$REFS" != 0 ]; then
    dir=$TMP/naive
    say "References (decode only on one core, then its two halves side by side$([ "$REFS" = 1 ] && echo ", then the naive command pinned and unpinned"))..."
    if run_ref "$CPU_A" ffmpeg -nostdin -v error -i "$in" -f null -; then
      row "$name" "decode only, CPU $CPU_A" "$SECS" "-" "-" "\`taskset -c $CPU_A ffmpeg -nostdin -v error -i IN -f null -\`"
      S[decode]=$SECS
      say "  decode only, CPU $CPU_A: $SECS s"
    else row "$name" "decode only, CPU $CPU_A" error "-" "-" FAILED; FAILED=1; fi
    # What two pinned processes can gain on this machine at best: the same decode cut in two, each half on a
    # core of its own. Two vCPUs of a shared host need not decode twice as fast as one.
    if run_halves "$in"; then
      S[halves]=$SECS ratio="-"
      [ -n "${S[decode]:-}" ] && S[ceiling]=$(calc "${S[decode]} / $SECS" 2) ratio="decode on one core / this ${S[ceiling]}"
      row "$name" "decode only, two halves side by side on CPUs $CPU_A, $CPU_B" "$SECS" "-" "$ratio" "\`taskset -c $CPU_A ffmpeg -nostdin -v error -t HALF -i IN -f null -\` and \`taskset -c $CPU_B ffmpeg -nostdin -v error -ss HALF -i IN -f null -\` at once, HALF = $HALF s"
      say "  decode only, two halves side by side: $SECS s"
    else row "$name" "decode only, two halves side by side" error "-" "-" FAILED; FAILED=1; fi
  fi
  if [ "$REFS" = 1 ]; then
    for pin in "$CPU_A" -; do
      rm -rf "$dir" && mkdir "$dir"
      shown=$([ "$pin" = - ] && echo "naive, unpinned" || echo "naive, CPU $pin")
      if run_ref "$pin" ffmpeg -nostdin -v error -i "$in" -vf fps=1 -q:v 2 "$dir/%06d.jpg"; then
        jpgs=$(find "$dir" -name '*.jpg' | wc -l)
        row "$name" "$shown" "$SECS" "$jpgs" "-" "\`$([ "$pin" = - ] || echo "taskset -c $pin ")ffmpeg -nostdin -v error -i IN -vf fps=1 -q:v 2 OUT/%06d.jpg\`"
        S[naive$pin]=$SECS F[naive]=$jpgs
        say "  $shown: $SECS s, $jpgs JPEGs"
      else row "$name" "$shown" error "-" "-" FAILED; FAILED=1; fi
      rm -rf "$dir"
    done
  fi

  for cfg in a b c; do
    has_config "$cfg" || continue
    case $cfg in
      a) args=(1 0 "$CPU_A") ;;
      b) args=(1 "$SPLIT_ENV" "$CPU_A") ;;
      c) args=(2 "$SPLIT_ENV" "$CPU_A $CPU_B") ;;
    esac
    if run_config "$i" "$cfg" "${args[@]}"; then
      S[$cfg]=$SECS F[$cfg]=$FRAMES
      BUILDS+=("$BUILD_ID")
      note="history Queued to Completed $SERVER_SECS s; complete POST $COMPLETE_SECS s; ffmpegs seen: ${FFMPEGS:-none}; CPU seconds from complete to Completed: ${CPU_USE:-not measured}; build $BUILD_ID"
      ratio="-"
      [ "$cfg" = b ] && [ -n "${S[a]:-}" ] && ratio="(b)/(a) $(calc "$SECS / ${S[a]}" 2)"
      [ "$cfg" = c ] && ratio="$([ -n "${S[a]:-}" ] && echo "(a)/(c) $(calc "${S[a]} / $SECS" 2)")$([ -n "${S[a]:-}" ] && [ -n "${S[b]:-}" ] && echo ", ")$([ -n "${S[b]:-}" ] && echo "(b)/(c) $(calc "${S[b]} / $SECS" 2)")"
      [ -n "$ratio" ] || ratio="-"
      row "$name" "$(label_of "$cfg")" "$SECS" "$FRAMES" "$ratio" "$note"
    else
      row "$name" "$(label_of "$cfg")" error "-" "-" "FAILED (logs in $LOGS/input$((i + 1))-$cfg)"
      FAILED=1
    fi
  done

  # The same frames: count and names alike in every configuration that ran.
  same="-" first=""
  for cfg in a b c; do
    [ -n "${S[$cfg]:-}" ] || continue
    if [ -z "$first" ]; then first=$cfg same=yes; continue; fi
    if [ "${F[$cfg]}" != "${F[$first]}" ] || ! cmp -s "$TMP/names-$first" "$TMP/names-$cfg"; then
      same=NO FAILED=1
      say "  ($cfg) and ($first) differ: ${F[$cfg]} and ${F[$first]} frames; first differing names:"
      diff "$TMP/names-$first" "$TMP/names-$cfg" | grep '^[<>]' | head -5 | sed 's/^/    /' >&2 || true
    fi
  done
  [ -n "$first" ] && [ -n "${F[naive]:-}" ] && [ $((F[$first] > F[naive] ? F[$first] - F[naive] : F[naive] - F[$first])) -gt 1 ] &&
    NOTES+=("WARNING $name: Vidsnap gave ${F[$first]} frames, the naive command ${F[naive]} JPEGs.")

  ca="-" cb="-" ba="-" ok="-"
  [ -n "${S[a]:-}" ] && [ -n "${S[c]:-}" ] && ca=$(calc "${S[a]} / ${S[c]}" 2)
  [ -n "${S[a]:-}" ] && [ -n "${S[b]:-}" ] && ba=$(calc "${S[b]} / ${S[a]}" 2)
  if [ -n "${S[b]:-}" ] && [ -n "${S[c]:-}" ]; then
    cb=$(calc "${S[b]} / ${S[c]}" 2)
    if lt 0 "$TARGET"; then
      if lt "$cb" "$TARGET"; then ok=NO MISSED=1; else ok=yes; fi
    else ok="(no target)"; fi
  fi
  decode_vs="-"
  [ -n "${S[c]:-}" ] && [ -n "${S[decode]:-}" ] && decode_vs=$(calc "${S[decode]} / ${S[c]}" 2)
  SUMMARY+=("| $name | $ca | $cb | $ba | $decode_vs | ${S[ceiling]:--} | $(lt 0 "$TARGET" && echo ">= $TARGET" || echo none) | $ok | $same |")
  unset S F
done

# --- results ------------------------------------------------------------------------------------------
[ "${#BUILDS[@]}" -gt 1 ] && [ "$(printf '%s\n' "${BUILDS[@]}" | sort -u | wc -l)" -gt 1 ] &&
  NOTES+=("WARNING: artifacts/host changed between configurations (run.sh rebuilds it at each start, and the tree changed meanwhile): the rows did not all run the same build (see \"build\" in the notes).")
SOURCE="git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ', uncommitted changes in src')"
MACHINE="Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, $(ffmpeg -version | head -1 | cut -d' ' -f1-3), $(date -u '+%Y-%m-%d %H:%M UTC'); Vidsnap $SOURCE; one run of each row, wall clock."
LEGEND="Seconds: for (a) to (c), from the POST that completes the upload until the video's event stream (GET /api/videos/{id}/events, one curl per row) says Completed, on a fresh \`./run.sh distributed\` per row; its history's Queued to Completed is in the note. Options \`{\"mode\":\"interval\",\"intervalSeconds\":1,\"maxFrames\":N}\`. (a): VideoWorker__SplitAboveSeconds=0; (b) and (c): SplitAboveSeconds $SPLIT_SHOWN${SEGMENT_SECONDS:+, SegmentSeconds $SEGMENT_SECONDS}. Each video-worker process is pinned with taskset (VIDEO_WORKER_CPUS), its ffmpegs with it; the other roles, PostgreSQL, S3 and SQS run unpinned on every core. Frames: frameCount from the API, checked against the zip's frame_* entries (unzip -Z1) and GET /api/videos/{id}/frames; for the naive rows, the JPEGs written. \"ffmpegs seen\": the stack's ffmpeg processes sampled at each poll, by the CPUs they may run on."
{
  echo "| input | configuration | seconds | frames | ratio | note |"
  echo "| --- | --- | ---: | ---: | --- | --- |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "| input | (c) over (a) | (c) over (b) | cost of the split, (b)/(a) | (c) over the decode on one core | this machine's ceiling: decode on one core over its halves side by side | target, (c) over (b) | ok? | same frames in (a), (b), (c)? |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |"
  printf '%s\n' "${SUMMARY[@]}"
  echo
  echo "$MACHINE"
  echo
  echo "$LEGEND"
  [ "$RAISED" = 1 ] && { echo; echo "Api__MaxUploadBytes was raised to the input's size for the stacks of inputs over 2 GiB (its default)."; }
  for note in ${NOTES[@]+"${NOTES[@]}"}; do echo; echo "$note"; done
} >"$TMP/table.md"
mkdir -p "$(dirname "$RESULTS")"
cp "$TMP/table.md" "$RESULTS"
[ "$GEN_SECONDS" != 0 ] && say "" && say "Input generation took $GEN_SECONDS s this run."
echo
cat "$TMP/table.md"
echo
if [ "$FAILED" = 1 ]; then
  say "Some runs failed (logs in $LOGS; also written to $RESULTS)."
  exit 2
elif [ "$MISSED" = 1 ]; then
  say "(c) over (b) is below the target $TARGET (also written to $RESULTS)."
  exit 1
fi
say "Done (also written to $RESULTS; the stacks' logs in $LOGS)."

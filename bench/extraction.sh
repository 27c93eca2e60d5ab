#!/usr/bin/env bash
# Benchmark: Vidsnap's frame extractor against the naive ffmpeg command for the same frames (ffmpeg fps
# filter + zip) and against a floor (the least decoding those frames need), in one run on one machine, on a
# matrix of generated inputs or on given files. Prints a Markdown table (medians, ratios, targets), a machine
# line and notes, and writes them to artifacts/bench-results.md. Exits 1 if a target is missed or a run
# fails. See bench/README.md.
#
#   bench/extraction.sh                         the axes matrix (7 inputs, 5 cases each) and the 10-min input
#   bench/extraction.sh --input A.mp4 --input B.mov    these files instead of the matrix (all cases on each)
#   MATRIX=full bench/extraction.sh             all 27 inputs: keyframe every 1/2/10 s x 720p/1080p/2160p x h264/hevc/vp9
#   BENCH_SIZES="720p 1080p" BENCH_CODECS="h264 vp9" BENCH_KEYS="2 10" bench/...   only these values on each axis
#   BENCH_SECONDS=4 bench/extraction.sh         every generated input this long (quick checks of the script)
#   CASES="exact dense" bench/extraction.sh     only these cases (exact count fast keyframes dense)
#   RUNS=5 bench/extraction.sh                  5 runs per side per case (median); default 3
#   LONG=0 bench/extraction.sh                  skip the 10-min 720p input (dense case only)
#   BIG=1 bench/extraction.sh                   add the peak-memory case on a ~2 GB input (default 0)
#   GENERATE_ONLY=1 bench/extraction.sh         make the inputs (the first run does, 10-20 min) and stop
#   CASES= BIG=1 bench/extraction.sh            only the peak-memory case
#   VIDSNAP_EXTRACT='./my-stub' bench/...       run this instead of `dotnet artifacts/host/vidsnap.dll extract`;
#                                               it is called as: $VIDSNAP_EXTRACT INPUT OUTPUT.zip --options JSON
# Other knobs: BIG_BYTES (size of the big input, default 2000000000), BENCH_INPUTS (input cache,
# default artifacts/bench-inputs), BENCH_RESULTS (default artifacts/bench-results.md).
set -euo pipefail
SCRIPT=$0

source "$(dirname "$0")/command-line.sh"

cd "$(dirname "$0")/.."
source scripts/common.sh

RUNS=${RUNS:-3}
MATRIX=${MATRIX:-axes}
LONG=${LONG:-1}
BIG=${BIG:-0}
BIG_BYTES=${BIG_BYTES:-2000000000}
CASES=${CASES-exact count fast keyframes dense}   # set but empty: no case, so CASES= BIG=1 is case 5 alone
BENCH_SECONDS=${BENCH_SECONDS:-}
INPUTS=${BENCH_INPUTS:-artifacts/bench-inputs}
RESULTS=${BENCH_RESULTS:-artifacts/bench-results.md}
VIDSNAP_EXTRACT=${VIDSNAP_EXTRACT:-}
DLL=artifacts/host/vidsnap.dll
RSS_TARGET_MB=300
LANES=$(nproc)
MAX_INPUTS_PER_RUN=16
read -ra SIZES <<<"${BENCH_SIZES:-720p 1080p 2160p}"
read -ra CODECS <<<"${BENCH_CODECS:-h264 hevc vp9}"
read -ra KEYS <<<"${BENCH_KEYS:-1 2 10}"

now() { date +%s.%N; }
# calc EXPR [DECIMALS]: floating-point arithmetic (awk), printed with DECIMALS places (default 2).
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
# le A B: succeeds when A <= B (floats).
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# spread VALUES...: largest / smallest.
spread() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", (v[1] > 0 ? v[NR] / v[1] : 1) }'; }
duration_of() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }
# frame_rate_of: avg_frame_rate, else r_frame_rate, else 30, the order vidsnap's probe uses.
frame_rate_of() {
  ffprobe -v error -select_streams v:0 -show_entries stream=avg_frame_rate,r_frame_rate -of default=nw=1 "$1" |
    awk -F= '{ split($2, q, "/"); if (q[2] + 0 > 0 && q[1] + 0 > 0) v[$1] = q[1] / q[2] }
      END { printf "%.6f", ("avg_frame_rate" in v) ? v["avg_frame_rate"] : ("r_frame_rate" in v) ? v["r_frame_rate"] : 30 }'
}
# count_frames ZIP: entries named frame_* (other entries such as manifest.json or a contact sheet are ignored).
count_frames() { { unzip -Z1 "$1" 2>/dev/null || true; } | grep -cE '(^|/)frame_[^/]*$' || true; }
has_case() { [[ " $CASES " == *" $1 "* ]]; }
in_list() { local x=$1 y; shift; for y in "$@"; do [ "$x" = "$y" ] && return 0; done; return 1; }

# --- settings -----------------------------------------------------------------------------------------
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ $BIG_BYTES =~ ^[1-9][0-9]*$ ]] || die "BIG_BYTES must be a positive integer (got '$BIG_BYTES')"
[[ -z $BENCH_SECONDS || $BENCH_SECONDS =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a positive integer (got '$BENCH_SECONDS')"
[[ $MATRIX =~ ^(axes|full)$ ]] || die "MATRIX must be axes or full (got '$MATRIX')"
[[ $LONG =~ ^[01]$ ]] || die "LONG must be 0 or 1 (got '$LONG')"
[[ $BIG =~ ^[01]$ ]] || die "BIG must be 0 or 1 (got '$BIG')"
for c in $CASES; do in_list "$c" exact count fast keyframes dense || die "unknown case '$c' in CASES (exact count fast keyframes dense)"; done
[ -n "${CASES// /}" ] || [ "$BIG" = 1 ] || die "CASES is empty and BIG=0: nothing to measure"
if [ ${#SIZES[@]} = 0 ] || [ ${#CODECS[@]} = 0 ] || [ ${#KEYS[@]} = 0 ]; then die "BENCH_SIZES, BENCH_CODECS and BENCH_KEYS must not be empty"; fi
for s in "${SIZES[@]}"; do in_list "$s" 720p 1080p 2160p || die "unknown size '$s' in BENCH_SIZES (720p 1080p 2160p)"; done
for c in "${CODECS[@]}"; do in_list "$c" h264 hevc vp9 || die "unknown codec '$c' in BENCH_CODECS (h264 hevc vp9)"; done
for i in "${!KEYS[@]}"; do
  k=${KEYS[$i]#k}; k=${k%s}
  [[ $k =~ ^[1-9][0-9]*$ ]] || die "BENCH_KEYS takes keyframe intervals in whole seconds such as '1 2 10' (got '${KEYS[$i]}')"
  KEYS[i]=$k
done

# --- tools -------------------------------------------------------------------------------------------
ensure_apt ffmpeg ffmpeg
ensure_apt zip zip
ensure_apt unzip unzip
ensure_apt time /usr/bin/time

TMP=$(mktemp -d "${TMPDIR:-/tmp}/vidsnap-bench.XXXXXX")
KEYFRAMES=$TMP/keyframes.txt PLAN=$TMP/floor-plan.txt
PARTIAL="" SAMPLER="" RUNNING="" LANE_PIDS=""
cleanup() {
  # Background processes (case 5's extractor, the floor's lanes) do not get Ctrl-C: stop them and their ffmpegs.
  local p
  for p in $RUNNING $LANE_PIDS; do
    # shellcheck disable=SC2046 # pgrep's pids are meant to split
    kill $(pgrep -P "$p") "$p" 2>/dev/null || true
  done
  if [ -n "$SAMPLER" ]; then kill "$SAMPLER" 2>/dev/null || true; fi
  if [ -n "$PARTIAL" ]; then rm -f "$PARTIAL"; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

# --- the extractor under test --------------------------------------------------------------------------
if [ -n "$VIDSNAP_EXTRACT" ]; then
  # bash execs the command, so /usr/bin/time measures it and not a wrapper shell.
  EXTRACT=(bash -c "exec $VIDSNAP_EXTRACT \"\$@\"" vidsnap-extract)
  EXTRACTOR="VIDSNAP_EXTRACT=$VIDSNAP_EXTRACT"
  SHOWN=$VIDSNAP_EXTRACT
else
  ensure_dotnet
  reason=""
  if [ ! -f "$DLL" ]; then
    reason="it is missing"
  else
    newer=$(find src Directory.Build.props Directory.Packages.props \( -name bin -o -name obj \) -prune \
      -o -type f -newer "$DLL" -print -quit 2>/dev/null || true)
    [ -n "$newer" ] && reason="$newer is newer"
  fi
  if [ -n "$reason" ]; then
    say "Building $DLL ($reason)..."
    dotnet build src/Vidsnap.Host -c Release -o artifacts/host -v quiet --nologo -clp:ErrorsOnly >&2 \
      || die "the build failed"
  fi
  EXTRACT=(dotnet "$DLL" extract)
  SHOWN="dotnet $DLL extract"
  EXTRACTOR="dotnet $DLL extract (git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ', uncommitted changes in src'))"
fi

# --- inputs (generated once, cached; file names carry the generator's parameters) ---------------------
declare -A SIZE_WH=([720p]=1280x720 [1080p]=1920x1080 [2160p]=3840x2160)
# VP9 gets a bit rate (libvpx realtime has no useful CRF); about what phones and cameras spend on VP9/AV1-era
# files at these sizes.
declare -A VP9_RATE=([720p]=4M [1080p]=8M [2160p]=24M)
# H.264 and HEVC at CRF, capped near what phones write at these sizes (with this much noise CRF alone gives
# 22, 52 and 200 Mbit/s, which nobody uploads).
declare -A CAP_RATE=([720p]=8M [1080p]=16M [2160p]=45M)
IN_BIG=$INPUTS/testsrc2-noise-1080p30-40M-${BIG_BYTES}B-h264-v1.mp4
GEN_SECONDS=0
IN_FILE=() IN_LABEL=() IN_KIND=() IN_GEN=() IN_LONG=()

# encode_raw OUT WxH SECONDS FORMAT AUDIO-CODEC VIDEO-ARGS...: test pattern with temporal noise (so it does
# not compress trivially) and a tone, 30 fps, yuv420p: what every generated input shares.
encode_raw() {
  local out=$1 wh=$2 seconds=$3 format=$4 audio=$5; shift 5
  PARTIAL=$out.part
  ffmpeg -nostdin -v error -stats -f lavfi -i "testsrc2=size=$wh:rate=30" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$seconds" -vf "noise=alls=12:allf=t" \
    "$@" -pix_fmt yuv420p -c:a "$audio" -b:a 128k -f "$format" -y "$PARTIAL" || die "generating $out failed"
  mv "$PARTIAL" "$out"
  PARTIAL=""
}

# encode_input OUT SIZE SECONDS CODEC KEY: a keyframe every KEY s exactly (scene cuts off, minimum = maximum),
# so the keyframe axis is what the file name says and not what the encoder felt like.
encode_input() {
  local out=$1 size=$2 seconds=$3 codec=$4 g=$((30 * $5))
  case $codec in
    h264) encode_raw "$out" "${SIZE_WH[$size]}" "$seconds" mp4 aac \
      -c:v libx264 -preset veryfast -crf 23 -maxrate "${CAP_RATE[$size]}" -bufsize "${CAP_RATE[$size]}" -g "$g" -keyint_min "$g" -sc_threshold 0 ;;
    hevc) encode_raw "$out" "${SIZE_WH[$size]}" "$seconds" mp4 aac \
      -c:v libx265 -preset ultrafast -crf 26 -maxrate "${CAP_RATE[$size]}" -bufsize "${CAP_RATE[$size]}" -x265-params "keyint=$g:min-keyint=$g:scenecut=0:log-level=error" -tag:v hvc1 ;;
    vp9) encode_raw "$out" "${SIZE_WH[$size]}" "$seconds" webm libopus \
      -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -row-mt 1 -b:v "${VP9_RATE[$size]}" -g "$g" -keyint_min "$g" ;;
  esac
}

# input_name CODEC SIZE KEY SECONDS: the cache file; a changed encoder setting must change the name.
input_name() {
  local codec=$1 size=$2 key=$3 seconds=$4 enc
  case $codec in
    h264) enc=h264-veryfast-crf23-max${CAP_RATE[$size]}.mp4 ;;
    hevc) enc=hevc-ultrafast-crf26-max${CAP_RATE[$size]}.mp4 ;;
    vp9) enc=vp9-rt8-${VP9_RATE[$size]}.webm ;;
  esac
  echo "$INPUTS/testsrc2-noise-${size}30-${seconds}s-k${key}s-scenecut0-${enc%.*}-v2.${enc##*.}"
}

# add_generated CODEC SIZE KEY SECONDS LONG: one input of the run; "phone-like" and "camera-like" as the
# README defines them, so a reader can tell which rows speak for which uploads.
add_generated() {
  local codec=$1 size=$2 key=$3 seconds=$4 long=$5 file kind
  file=$(input_name "$codec" "$size" "$key" "$seconds")
  if [ "${#IN_FILE[@]}" -gt 0 ] && in_list "$file" "${IN_FILE[@]}"; then
    say "($file is already in the matrix: its dense case stands for the long input.)"
    return 0
  fi
  kind=neither
  if [ "$size" = 2160p ] || [ "$key" -ge 10 ]; then kind=camera-like; elif [ "$key" -le 2 ]; then kind=phone-like; fi
  IN_FILE+=("$file")
  IN_LABEL+=("$codec $size k${key}s ${seconds}s")
  IN_KIND+=("$kind")
  IN_GEN+=("$size $seconds $codec $key")
  IN_LONG+=("$long")
}

seconds_for() { if [ -n "$BENCH_SECONDS" ]; then echo "$BENCH_SECONDS"; elif [ "$1" = 2160p ]; then echo 30; else echo 60; fi; }
# centre DEFAULT VALUES...: the axes matrix varies around DEFAULT, or around the first allowed value without it.
centre() { local d=$1; shift; if in_list "$d" "$@"; then echo "$d"; else echo "$1"; fi; }

if [ "${#GIVEN[@]}" -gt 0 ]; then
  for f in "${GIVEN[@]}"; do
    IN_FILE+=("$f") IN_LABEL+=("$(basename "$f")") IN_KIND+=("") IN_GEN+=("") IN_LONG+=(0)
  done
elif [ -n "${CASES// /}" ]; then
  cc=$(centre h264 "${CODECS[@]}") cs=$(centre 1080p "${SIZES[@]}") ck=$(centre 2 "${KEYS[@]}")
  if [ "$MATRIX" = full ]; then
    for c in "${CODECS[@]}"; do for s in "${SIZES[@]}"; do for k in "${KEYS[@]}"; do
      add_generated "$c" "$s" "$k" "$(seconds_for "$s")" 0
    done; done; done
  else
    for k in "${KEYS[@]}"; do add_generated "$cc" "$cs" "$k" "$(seconds_for "$cs")" 0; done
    for s in "${SIZES[@]}"; do [ "$s" = "$cs" ] || add_generated "$cc" "$s" "$ck" "$(seconds_for "$s")" 0; done
    for c in "${CODECS[@]}"; do [ "$c" = "$cc" ] || add_generated "$c" "$cs" "$ck" "$(seconds_for "$cs")" 0; done
  fi
  if [ "$LONG" = 1 ] && has_case dense; then add_generated h264 720p 2 "${BENCH_SECONDS:-600}" 1; fi
fi

generate() {
  local out=$1 what=$2; shift 2
  [ -s "$out" ] && return 0
  say "Generating $what -> $out ..."
  local t0 t
  t0=$(now)
  "$@"
  t=$(calc "$(now) - $t0" 1)
  GEN_SECONDS=$(calc "$GEN_SECONDS + $t" 1)
  say "  done in ${t} s ($(calc "$(stat -c %s "$out") / 1000000" 0) MB)"
}

make_big() {
  # Encoding ~2 GB at 40 Mbit/s takes ~10 min on 2 cores, so encode a 60 s segment and repeat it by
  # stream copy up to BIG_BYTES: still one valid H.264 file of that size and ~6 min, decoded in full.
  local segment=$TMP/segment.mp4
  encode_raw "$segment" 1920x1080 60 mp4 aac -c:v libx264 -preset veryfast -g 250 -b:v 40M -maxrate 40M -bufsize 80M
  say "  repeating the 60 s segment up to $BIG_BYTES bytes..."
  PARTIAL=$IN_BIG.part
  ffmpeg -nostdin -v error -stream_loop -1 -i "$segment" -c copy -fs "$BIG_BYTES" -f mp4 -y "$PARTIAL" || die "generating $IN_BIG failed"
  mv "$PARTIAL" "$IN_BIG"
  PARTIAL=""
  rm -f "$segment"
}

mkdir -p "$INPUTS"
for i in "${!IN_FILE[@]}"; do
  [ -n "${IN_GEN[$i]}" ] || continue
  read -r size seconds codec key <<<"${IN_GEN[$i]}"
  generate "${IN_FILE[$i]}" "${IN_LABEL[$i]}" encode_input "${IN_FILE[$i]}" "$size" "$seconds" "$codec" "$key"
done
[ "$BIG" = 1 ] && generate "$IN_BIG" "~$((BIG_BYTES / 1000000)) MB 1080p30 H.264 at 40 Mbit/s (2-3 min)" make_big
# Generating takes long and needs no idle machine: GENERATE_ONLY=1 makes the inputs and stops, so the timed run can come later.
[ "${GENERATE_ONLY:-0}" = 1 ] && { say "Inputs ready in $INPUTS."; exit 0; }

# keyframe_times INPUT: the video's keyframe times from the packets (nothing decoded), relative to the start
# as -ss counts them, sorted: what both the floor and the notes' keyframe interval are made of.
keyframe_times() {
  local start
  start=$(ffprobe -v error -show_entries format=start_time -of csv=p=0 "$1")
  ffprobe -v error -select_streams v:0 -show_entries packet=pts_time,flags -of csv=p=0 "$1" |
    awk -F, -v s="${start:-0}" '$2 ~ /K/ && $1 != "N/A" { printf "%.6f\n", $1 - s }' | sort -g
}

# describe INPUT [KEYFRAMES]: the note a reader needs to judge a row: what was decoded and how often it
# could be entered.
describe() {
  local keys=${2:-/dev/null}
  ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height:format=duration,bit_rate,size -of default=nw=1 "$1" |
    awk -F= -v keys="$keys" '{ v[$1] = $2 }
      END {
        printf "%dx%d %s, %.1f s, %.1f Mbit/s, %d MB", v["width"], v["height"], v["codec_name"], v["duration"], v["bit_rate"] / 1e6, v["size"] / 1e6
        while ((getline k < keys) > 0) { n++; if (n == 1) first = k; last = k }
        if (n > 1) printf ", a keyframe every %.2f s (%d keyframes)", (last - first) / (n - 1), n
        else if (n == 1) printf ", one keyframe"
      }'
}

# kind_of INPUT: for a given file, the same phone/camera split as for generated ones, from what was measured.
kind_of() {
  local wh
  wh=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0 "$1")
  awk -F, -v d="$DUR" -v keys="$KEYFRAMES" -v wh="$wh" 'BEGIN {
    split(wh, s, ","); short = s[1] < s[2] ? s[1] : s[2]
    while ((getline k < keys) > 0) { n++; if (n == 1) first = k; last = k }
    every = n > 1 ? (last - first) / (n - 1) : d
    print (short >= 2160 || every >= 5) ? "camera-like" : (every <= 2.5 ? "phone-like" : "neither")
  }'
}

# --- one run of each side ------------------------------------------------------------------------------
# show_output: the end of what the extractor printed, after a failure.
show_output() {
  local f
  for f in "$TMP/vidsnap.err" "$TMP/vidsnap.out"; do
    [ -s "$f" ] && { say "    --- $(basename "$f"), last lines:"; tail -n 15 "$f" | sed 's/^/    /' >&2; }
  done
  return 0
}

# run_vidsnap INPUT OPTIONS: sets SECS, FRAMES (frame_* entries in the zip), REPORTED (its JSON line).
run_vidsnap() {
  local zip=$TMP/vidsnap.zip t0 t1 rc=0
  rm -f "$zip"
  t0=$(now)
  "${EXTRACT[@]}" "$1" "$zip" --options "$2" >"$TMP/vidsnap.out" 2>"$TMP/vidsnap.err" || rc=$?
  t1=$(now)
  if [ "$rc" -ne 0 ]; then
    say "  vidsnap failed (exit $rc): $SHOWN $1 $zip --options '$2'"
    show_output
    return 1
  fi
  [ -s "$zip" ] || { say "  vidsnap exited 0 but wrote no zip at $zip"; return 1; }
  SECS=$(calc "$t1 - $t0" 3)
  FRAMES=$(count_frames "$zip")
  REPORTED=$(grep '{' "$TMP/vidsnap.out" | tail -1 || true)
}

# run_naive INPUT HOW: what a user without vidsnap would type for the same frames, JPEGs then a zip; HOW is an
# fps filter ("fps=1/10") or "keyframes" (the bare keyframe decode). Sets SECS, FRAMES.
run_naive() {
  local dir=$TMP/naive zip=$TMP/naive.zip t0 t1 cmd jpgs
  rm -rf "$dir" "$zip"
  mkdir "$dir"
  if [ "$2" = keyframes ]; then
    cmd=(ffmpeg -nostdin -v error -skip_frame nokey -i "$1" -fps_mode passthrough -q:v 2 "$dir/%06d.jpg")
  else
    cmd=(ffmpeg -nostdin -v error -i "$1" -vf "$2" -q:v 2 "$dir/%06d.jpg")
  fi
  t0=$(now)
  "${cmd[@]}" || { say "  naive ffmpeg failed: ${cmd[*]}"; return 1; }
  jpgs=("$dir"/*.jpg)
  # zip makes no empty archive, and the fps filter gives no frame at all on a video shorter than half its
  # interval (BENCH_SECONDS=4, every 10 s): then the naive side is its decode alone and made 0 frames.
  if [ -e "${jpgs[0]}" ]; then
    zip -q -j "$zip" "${jpgs[@]}" >&2 || { say "  naive zip failed"; return 1; }
    FRAMES=${#jpgs[@]}
  else
    FRAMES=0
  fi
  t1=$(now)
  SECS=$(calc "$t1 - $t0" 3)
  rm -rf "$dir" "$zip"
}

# plan_moments interval|count N: for each moment vidsnap plans (interval: i*N s while within the video;
# count: (i+0.5)*duration/N, as its FramePlanner does; both kept 2 frames before the end, as its extractor
# does), the keyframe at or before it. Moments of one GOP are one read, from their keyframe to the last of
# them (decoding them once is allowed: it is what the work needs), and the reads are dealt to one lane per
# core, the longest first to the least loaded lane. Written to $PLAN as "LANE SEEK DURATION", so the floor's
# timing holds no planning.
plan_moments() {
  awk -v mode="$1" -v n="$2" -v dur="$DUR" -v fps="$FPS" -v lanes="$LANES" '
    { key[++keys] = $1 }
    END {
      if (mode == "interval") { x = dur / n - 1e-6; m = int(x); if (m < x) m++; if (m < 1) m = 1; for (i = 0; i < m; i++) t[i] = i * n }
      else { m = n; for (i = 0; i < m; i++) t[i] = (i + 0.5) * dur / m }
      groups = 0
      for (i = 0; i < m; i++) {
        at = t[i]; if (at > dur - 2 / fps) at = dur - 2 / fps; if (at < 0) at = 0
        k = 0; for (j = 1; j <= keys && key[j] <= at + 1e-6; j++) k = key[j]
        if (groups == 0 || gk[groups] != k) { groups++; gk[groups] = k; glast[groups] = at }
        else if (at > glast[groups]) glast[groups] = at
      }
      for (g = 1; g <= groups; g++) { cost[g] = glast[g] - gk[g] + 1 / fps; used[g] = 0 }
      for (l = 0; l < lanes; l++) load[l] = 0
      for (done = 0; done < groups; done++) {
        best = 0; for (g = 1; g <= groups; g++) if (!used[g] && (best == 0 || cost[g] > cost[best])) best = g
        used[best] = 1
        lane = 0; for (l = 1; l < lanes; l++) if (load[l] < load[lane]) lane = l
        load[lane] += cost[best]
        # Half a millisecond past the keyframe: a time printed to 6 decimals that lands a tick before the
        # keyframe would seek one GOP earlier; no frame lies in between.
        printf "%d %.6f %.6f\n", lane, gk[best] + 0.0005, cost[best]
      }
    }' "$KEYFRAMES" >"$PLAN"
}

# moment_lane INPUT LANE: one lane of the floor: an input per GOP read (-ss seeks to the keyframe, -t stops at
# its last moment), all in one ffmpeg, up to MAX_INPUTS_PER_RUN inputs (as vidsnap) so a long file's many
# moments do not open hundreds of decoders at once.
moment_lane() {
  local input=$1 lane=$2 g k d n=0 ins=() outs=()
  while read -r g k d; do
    [ "$g" = "$lane" ] || continue
    ins+=(-ss "$k" -t "$d" -i "$input")
    outs+=(-map "$n:v:0" -f null -)
    n=$((n + 1))
    if [ "$n" -ge "$MAX_INPUTS_PER_RUN" ]; then
      ffmpeg -nostdin -v error "${ins[@]}" "${outs[@]}" || return 1
      n=0 ins=() outs=()
    fi
  done <"$PLAN"
  [ "$n" = 0 ] || ffmpeg -nostdin -v error "${ins[@]}" "${outs[@]}"
}

# run_floor INPUT KIND: the least decoding the case's frames need, with no JPEG and no zip: "decode" is the
# whole video decoded once; "moments" the lanes of $PLAN in parallel, timed until the last one ends. Sets SECS.
run_floor() {
  local t0 t1 rc=0 lane pids=() p
  t0=$(now)
  if [ "$2" = decode ]; then
    ffmpeg -nostdin -v error -i "$1" -f null - || rc=1
  else
    for ((lane = 0; lane < LANES; lane++)); do
      grep -q "^$lane " "$PLAN" || continue
      moment_lane "$1" "$lane" &
      pids+=("$!")
    done
    LANE_PIDS="${pids[*]}"
    for p in "${pids[@]}"; do wait "$p" || rc=1; done
    LANE_PIDS=""
  fi
  t1=$(now)
  [ "$rc" = 0 ] || { say "  floor ffmpeg failed ($2)"; return 1; }
  SECS=$(calc "$t1 - $t0" 3)
}

ROWS=() NOTES=() FAILED=0
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 | $9 |"); }

# bench_case LABEL INPUT CASE TARGET: one row. Within each run the sides alternate (vidsnap, naive, floor),
# so a machine that slows down mid-case slows all sides alike.
bench_case() {
  local label=$1 input=$2 name=$3 target=$4
  local title options naive floor=- v=() b=() f=() r vf bf vmed bmed fmed=- ratio=- fratio=- ok
  local vfail=0 bfail=0 ffail=0 warned=0
  case $name in
    exact) title="every 10 s exact" options='{"mode":"interval","intervalSeconds":10}' naive="fps=1/10" floor=moments
      plan_moments interval 10 ;;
    count) title="count 12" options='{"mode":"count","count":12}' naive="fps=1/$(calc "$DUR / 12" 4)" floor=moments
      plan_moments count 12 ;;
    fast) title="every 10 s fast" options='{"mode":"interval","intervalSeconds":10,"precision":"fast"}' naive="fps=1/10" ;;
    keyframes) title="keyframes" options='{"mode":"keyframes"}' naive=keyframes ;;
    dense) title="every 1 s" options='{"mode":"interval","intervalSeconds":1}' naive="fps=1" floor=decode ;;
  esac
  say ""
  say "== $label, $title: vidsnap --options '$options' vs naive ${naive/keyframes/-skip_frame nokey}, floor $floor, $RUNS runs each"
  cat "$input" >/dev/null   # warm the page cache so no side pays for the first read
  for ((r = 1; r <= RUNS; r++)); do
    if [ "$vfail" = 0 ] && run_vidsnap "$input" "$options"; then
      v+=("$SECS"); vf=$FRAMES
      say "  run $r: vidsnap ${SECS} s, $FRAMES frame_* entries, stdout: ${REPORTED:-(none)}"
    else
      vfail=1
    fi
    if [ "$bfail" = 0 ] && run_naive "$input" "$naive"; then
      b+=("$SECS"); bf=$FRAMES
      say "  run $r: naive   ${SECS} s, $FRAMES jpgs"
    else
      bfail=1
    fi
    if [ "$floor" != - ]; then
      if [ "$ffail" = 0 ] && run_floor "$input" "$floor"; then
        f+=("$SECS")
        say "  run $r: floor   ${SECS} s"
      else
        ffail=1
      fi
    fi
    if [ "$vfail" = 0 ] && [ "$bfail" = 0 ] && [ "$warned" = 0 ] && [ $((vf > bf ? vf - bf : bf - vf)) -gt 1 ]; then
      say "  WARNING: vidsnap's zip has $vf frame_* entries, the naive command made $bf"
      NOTES+=("WARNING $label, $title: vidsnap's zip has $vf frame_* entries, the naive command made $bf.")
      warned=1
    fi
  done
  vmed=error bmed=error ok=FAILED
  [ "$vfail" = 0 ] && vmed=$(median "${v[@]}")
  [ "$bfail" = 0 ] && bmed=$(median "${b[@]}")
  if [ "$floor" != - ]; then
    fmed=error
    [ "$ffail" = 0 ] && fmed=$(median "${f[@]}")
    [ "$ffail" = 0 ] && [ "$vfail" = 0 ] && fratio=$(calc "$vmed / $fmed" 3)
  fi
  if [ "$vfail" = 0 ] && [ "$bfail" = 0 ] && [ "$ffail" = 0 ]; then
    ratio=$(calc "$vmed / $bmed" 3)
    if le "$ratio" "$target"; then ok=yes; else ok=NO; fi
  elif [ "$vfail" = 0 ] && [ "$bfail" = 0 ]; then
    ratio=$(calc "$vmed / $bmed" 3)
  fi
  [ "$ok" = yes ] || FAILED=1
  # On a shared machine another process can take a core mid-run: say so when runs of one side differ a lot.
  local spread_note=""
  [ "$vfail" = 0 ] && [ "$RUNS" -gt 1 ] && le 1.2 "$(spread "${v[@]}")" && spread_note+=" vidsnap $(printf '%s ' "${v[@]}")s;"
  [ "$bfail" = 0 ] && [ "$RUNS" -gt 1 ] && le 1.2 "$(spread "${b[@]}")" && spread_note+=" naive $(printf '%s ' "${b[@]}")s;"
  [ "$floor" != - ] && [ "$ffail" = 0 ] && [ "$RUNS" -gt 1 ] && le 1.2 "$(spread "${f[@]}")" && spread_note+=" floor $(printf '%s ' "${f[@]}")s;"
  if [ -n "$spread_note" ]; then
    say "  WARNING: runs varied by more than 20% ($spread_note) was the machine busy?"
    NOTES+=("WARNING $label, $title: runs varied by more than 20% ($spread_note) the machine was probably busy; rerun on an idle machine.")
  fi
  say "  median: vidsnap $vmed s, naive $bmed s, floor $fmed s, vidsnap/naive $ratio (target <= $target), vidsnap/floor $fratio: $ok"
  row "$label" "$title" "$vmed" "$bmed" "$fmed" "$ratio" "$fratio" "<= $target" "$ok"
}

# bench_input I: the keyframes, duration and frame rate are read once per input, outside every timing.
bench_input() {
  local file=${IN_FILE[$1]} label=${IN_LABEL[$1]} kind=${IN_KIND[$1]} where c
  where=$(basename "$file")
  [ -n "${IN_GEN[$1]}" ] || where=$file
  keyframe_times "$file" >"$KEYFRAMES"
  DUR=$(duration_of "$file")
  FPS=$(frame_rate_of "$file")
  [ -n "$kind" ] || kind=$(kind_of "$file")
  if [ "${IN_LONG[$1]}" = 1 ]; then
    NOTES+=("$label ($kind; the long input, dense case only): $(describe "$file" "$KEYFRAMES") ($where).")
    bench_case "$label" "$file" dense 1.0
    return
  fi
  NOTES+=("$label ($kind): $(describe "$file" "$KEYFRAMES") ($where).")
  for c in exact count fast keyframes dense; do
    has_case "$c" || continue
    case $c in
      exact | count) bench_case "$label" "$file" "$c" 0.35 ;;
      fast) bench_case "$label" "$file" "$c" 0.1 ;;
      keyframes) bench_case "$label" "$file" "$c" 1.3 ;;
      dense) bench_case "$label" "$file" "$c" 1.05 ;;
    esac
  done
}

# peak_memory: case 5. /usr/bin/time -v reports ru_maxrss: the largest single process among the one it
# runs and the descendants that were waited for (so an ffmpeg child counts if it is larger), never a sum.
# A sampler also records the extractor process's own VmHWM and the peak sum of RSS over its process tree.
peak_memory() {
  local options='{"mode":"interval","intervalSeconds":60,"precision":"fast"}' zip=$TMP/big.zip
  local t0 t1 rc=0 pid rss_kb secs frames expected own_kb tree_kb ok
  local label="h264 1080p $((BIG_BYTES / 1000000)) MB" title="peak RSS, every 60 s fast"
  say ""
  say "== 5. peak memory: vidsnap --options '$options' on $(describe "$IN_BIG")"
  cat "$IN_BIG" >/dev/null
  rm -f "$zip"
  t0=$(now)
  /usr/bin/time -v -o "$TMP/time.txt" "${EXTRACT[@]}" "$IN_BIG" "$zip" --options "$options" \
    >"$TMP/vidsnap.out" 2>"$TMP/vidsnap.err" &
  pid=$!
  RUNNING=$pid
  sample_tree "$pid" >"$TMP/samples.txt" &
  SAMPLER=$!
  wait "$pid" || rc=$?
  t1=$(now)
  RUNNING=""
  wait "$SAMPLER" || true
  SAMPLER=""
  if [ "$rc" -ne 0 ] || [ ! -s "$zip" ]; then
    say "  vidsnap failed (exit $rc, zip $([ -s "$zip" ] && echo written || echo missing)): $SHOWN $IN_BIG $zip --options '$options'"
    show_output
    row "$label" "$title" error "-" "-" "-" "-" "<= $RSS_TARGET_MB MB" FAILED
    FAILED=1
    return
  fi
  rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$TMP/time.txt")
  read -r own_kb tree_kb <"$TMP/samples.txt" || true
  secs=$(calc "$t1 - $t0" 1)
  frames=$(count_frames "$zip")
  expected=$(awk -v d="$(duration_of "$IN_BIG")" 'BEGIN { printf "%d", int(d / 60) + 1 }')
  if le "$(calc "$rss_kb / 1024" 1)" "$RSS_TARGET_MB"; then ok=yes; else ok=NO; FAILED=1; fi
  say "  ${secs} s, $frames frame_* entries (about $expected expected), stdout: $(grep '{' "$TMP/vidsnap.out" | tail -1 || true)"
  say "  peak RSS $(calc "$rss_kb / 1024" 0) MB (/usr/bin/time -v); sampled: extractor process alone $(calc "${own_kb:-0} / 1024" 0) MB, whole process tree $(calc "${tree_kb:-0} / 1024" 0) MB"
  [ $((frames > expected ? frames - expected : expected - frames)) -gt 1 ] &&
    NOTES+=("WARNING case 5: vidsnap's zip has $frames frame_* entries, about $expected expected.")
  row "$label" "$title" "$(calc "$rss_kb / 1024" 0) MB (${secs} s)" "-" "-" "-" "-" "<= $RSS_TARGET_MB MB" "$ok"
  NOTES+=("Case 5 ($label): $(describe "$IN_BIG") ($(basename "$IN_BIG"); a 60 s segment repeated by stream copy). Peak RSS is /usr/bin/time -v's \"Maximum resident set size\": the largest single process among the extractor and the children it waited for (an ffmpeg child counts if it is larger), not their sum. Sampled every 0.2 s: the extractor process alone peaked at $(calc "${own_kb:-0} / 1024" 0) MB (VmHWM), its whole process tree at $(calc "${tree_kb:-0} / 1024" 0) MB (sum of RSS).")
}

# sample_tree PID: until PID (/usr/bin/time) exits, every 0.2 s, the VmHWM of its child (the extractor)
# and the sum of RSS over all its descendants; prints "OWN_PEAK_KB TREE_PEAK_KB".
sample_tree() {
  local root=$1 own=0 tree=0 child hwm sum
  while kill -0 "$root" 2>/dev/null; do
    child=$(pgrep -P "$root" | head -1 || true)
    if [ -n "$child" ]; then
      hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$child/status" 2>/dev/null || true)
      [ -n "$hwm" ] && [ "$hwm" -gt "$own" ] && own=$hwm
    fi
    sum=$(ps -e -o pid=,ppid=,rss= | awk -v r="$root" '{ parent[$1] = $2; rss[$1] = $3 }
      END { n = 1; q[1] = r; for (i = 1; i <= n; i++) for (p in parent) if (parent[p] == q[i]) { q[++n] = p; t += rss[p] } print t + 0 }')
    [ "$sum" -gt "$tree" ] && tree=$sum
    sleep 0.2
  done
  echo "$own $tree"
}

# --- the cases ----------------------------------------------------------------------------------------
for i in "${!IN_FILE[@]}"; do bench_input "$i"; done
[ "$BIG" = 1 ] && peak_memory

# --- results ------------------------------------------------------------------------------------------
MACHINE="Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, $(ffmpeg -version | head -1 | cut -d' ' -f1-3), $(date -u '+%Y-%m-%d %H:%M UTC'); extractor: $EXTRACTOR; median of $RUNS runs per side, wall clock."
LEGEND="Naive: \`ffmpeg -i IN -vf fps=1/N -q:v 2 DIR/%06d.jpg\` + \`zip -j\` (N = 10, duration/12 or 1); for keyframes the bare keyframe decode \`ffmpeg -skip_frame nokey -i IN -fps_mode passthrough -q:v 2\` + \`zip -j\`. Floor, exact and count: for each moment vidsnap plans (every 10 s from 0; (i + 0.5) x duration / 12), one input per GOP that holds moments, \`-ss KEYFRAME -t (LAST MOMENT - KEYFRAME + 1/fps)\` decoded to \`-f null\`, the inputs dealt longest first over $LANES ffmpegs run in parallel; every 1 s: \`ffmpeg -i IN -f null -\` (one decode). Targets are on vidsnap/naive. Phone-like: 720p/1080p with a keyframe every 1-2 s; camera-like: 2160p, or a keyframe every 10 s."
[ "$GEN_SECONDS" != 0 ] && say "" && say "Input generation took $GEN_SECONDS s this run."
{
  echo "| input | case | vidsnap s | naive s | floor s | vidsnap/naive | vidsnap/floor | target | ok? |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "$MACHINE"
  echo
  echo "$LEGEND"
  for note in "${NOTES[@]}"; do echo; echo "$note"; done
} >"$TMP/table.md"
mkdir -p "$(dirname "$RESULTS")"
cp "$TMP/table.md" "$RESULTS"
echo
cat "$TMP/table.md"
echo
if [ "$FAILED" = 0 ]; then
  say "All targets met. (Also written to $RESULTS.)"
else
  say "Some targets were missed or runs failed. (Also written to $RESULTS.)"
  exit 1
fi

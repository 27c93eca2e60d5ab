#!/usr/bin/env bash
# Benchmark: Vidsnap's frame extractor against the naive baseline (ffmpeg fps filter + zip), in one run
# on one machine. Prints a Markdown table (medians, ratio vidsnap/baseline, targets) and writes it to
# artifacts/bench-results.md. Exits 1 if a target is missed or a run fails. See bench/README.md.
#
#   bench/extraction.sh                      all cases (first run also generates ~2.4 GB of inputs)
#   RUNS=5 bench/extraction.sh               5 runs per side per case (median); default 3
#   BIG=0 bench/extraction.sh                skip case 5 (peak memory on a ~2 GB input)
#   CASES="1 4" bench/extraction.sh          only these cases (1-5)
#   VIDSNAP_EXTRACT='./my-stub' bench/...    run this instead of `dotnet artifacts/host/vidsnap.dll extract`;
#                                            it is called as: $VIDSNAP_EXTRACT INPUT OUTPUT.zip --options JSON
# Other knobs: BIG_BYTES (size of the big input, default 2000000000), BENCH_INPUTS (input cache,
# default artifacts/bench-inputs), BENCH_RESULTS (default artifacts/bench-results.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

RUNS=${RUNS:-3}
BIG=${BIG:-1}
BIG_BYTES=${BIG_BYTES:-2000000000}
CASES=${CASES:-1 2 3 4 5}
INPUTS=${BENCH_INPUTS:-artifacts/bench-inputs}
RESULTS=${BENCH_RESULTS:-artifacts/bench-results.md}
VIDSNAP_EXTRACT=${VIDSNAP_EXTRACT:-}
DLL=artifacts/host/vidsnap.dll
RSS_TARGET_MB=300

say() { echo "$*" >&2; }
die() { say "error: $*"; exit 2; }
now() { date +%s.%N; }
# calc EXPR [DECIMALS]: floating-point arithmetic (awk), printed with DECIMALS places (default 2).
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
# le A B: succeeds when A <= B (floats).
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# spread VALUES...: largest / smallest.
spread() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", (v[1] > 0 ? v[NR] / v[1] : 1) }'; }
duration_of() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }
# count_frames ZIP: entries named frame_* (other entries such as manifest.json or a contact sheet are ignored).
count_frames() { { unzip -Z1 "$1" 2>/dev/null || true; } | grep -cE '(^|/)frame_[^/]*$' || true; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ $BIG_BYTES =~ ^[1-9][0-9]*$ ]] || die "BIG_BYTES must be a positive integer (got '$BIG_BYTES')"
[ "$BIG" = 0 ] && CASES=$(tr ' ' '\n' <<<"$CASES" | grep -v '^5$' | tr '\n' ' ' || true)

# --- tools -------------------------------------------------------------------------------------------
ensure_apt ffmpeg ffmpeg
ensure_apt zip zip
ensure_apt unzip unzip
ensure_apt time /usr/bin/time

TMP=$(mktemp -d "${TMPDIR:-/tmp}/vidsnap-bench.XXXXXX")
PARTIAL="" SAMPLER="" RUNNING=""
cleanup() {
  # Case 5 runs the extractor in the background (where Ctrl-C does not reach it): stop it and the sampler.
  [ -n "$RUNNING" ] && kill $(pgrep -P "$RUNNING") "$RUNNING" 2>/dev/null || true
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  [ -n "$PARTIAL" ] && rm -f "$PARTIAL" || true
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
mkdir -p "$INPUTS"
IN_1080=$INPUTS/testsrc2-noise-1080p30-180s-h264-v1.mp4
IN_720=$INPUTS/testsrc2-noise-720p30-60s-h264-v1.mp4
IN_BIG=$INPUTS/testsrc2-noise-1080p30-40M-${BIG_BYTES}B-h264-v1.mp4
GEN_SECONDS=0

# encode OUT SIZE SECONDS X264-RATE-ARGS...: test pattern with temporal noise (so it does not compress
# trivially) and a tone, libx264 veryfast, a keyframe every 250 frames (~8 s), yuv420p, AAC: like a phone file.
encode() {
  local out=$1 size=$2 seconds=$3; shift 3
  PARTIAL=$out.part
  ffmpeg -nostdin -v error -stats -f lavfi -i "testsrc2=size=$size:rate=30" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$seconds" -vf "noise=alls=12:allf=t" \
    -c:v libx264 -preset veryfast -g 250 -pix_fmt yuv420p "$@" -c:a aac -b:a 128k -f mp4 -y "$PARTIAL" || die "generating $out failed"
  mv "$PARTIAL" "$out"
  PARTIAL=""
}

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
  encode "$segment" 1920x1080 60 -b:v 40M -maxrate 40M -bufsize 80M
  say "  repeating the 60 s segment up to $BIG_BYTES bytes..."
  PARTIAL=$IN_BIG.part
  ffmpeg -nostdin -v error -stream_loop -1 -i "$segment" -c copy -fs "$BIG_BYTES" -f mp4 -y "$PARTIAL" || die "generating $IN_BIG failed"
  mv "$PARTIAL" "$IN_BIG"
  PARTIAL=""
  rm -f "$segment"
}

has_case() { [[ " $CASES " == *" $1 "* ]]; }
if has_case 1 || has_case 2 || has_case 3; then
  generate "$IN_1080" "3 min 1080p30 H.264 (3-5 min to encode on 2 cores)" encode "$IN_1080" 1920x1080 180 -crf 23 -maxrate 16M -bufsize 32M
fi
has_case 4 && generate "$IN_720" "60 s 720p30 H.264 (under 1 min)" encode "$IN_720" 1280x720 60 -crf 23 -maxrate 8M -bufsize 16M
has_case 5 && generate "$IN_BIG" "~$((BIG_BYTES / 1000000)) MB 1080p30 H.264 at 40 Mbit/s (2-3 min)" make_big

describe() {
  ffprobe -v error -select_streams v:0 -show_entries stream=width,height:format=duration,bit_rate,size -of default=nw=1 "$1" |
    awk -F= '{ v[$1] = $2 } END { printf "%dx%d, %.1f s, %.1f Mbit/s, %d MB", v["width"], v["height"], v["duration"], v["bit_rate"] / 1e6, v["size"] / 1e6 }'
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

# run_baseline INPUT EVERY_SECONDS: sets SECS, FRAMES.
run_baseline() {
  local dir=$TMP/baseline zip=$TMP/baseline.zip t0 t1
  rm -rf "$dir" "$zip"
  mkdir "$dir"
  t0=$(now)
  ffmpeg -nostdin -v error -i "$1" -vf "fps=1/$2" -q:v 2 "$dir/%06d.jpg" || { say "  baseline ffmpeg failed"; return 1; }
  zip -q -j "$zip" "$dir"/*.jpg || { say "  baseline zip failed"; return 1; }
  t1=$(now)
  SECS=$(calc "$t1 - $t0" 3)
  FRAMES=$(find "$dir" -name '*.jpg' | wc -l)
  rm -rf "$dir" "$zip"
}

ROWS=() NOTES=() FAILED=0
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 | $6 |"); }

# bench_case N TITLE INPUT OPTIONS BASELINE_EVERY TARGET
bench_case() {
  local n=$1 title=$2 input=$3 options=$4 every=$5 target=$6
  local v=() b=() r vf bf vmed bmed ratio ok vfail=0 bfail=0 warned=0
  say ""
  say "== $n. $title: vidsnap --options '$options' vs baseline fps=1/$every, $RUNS runs each"
  cat "$input" >/dev/null   # warm the page cache so neither side pays for the first read
  for ((r = 1; r <= RUNS; r++)); do
    if [ "$vfail" = 0 ] && run_vidsnap "$input" "$options"; then
      v+=("$SECS"); vf=$FRAMES
      say "  run $r: vidsnap  ${SECS} s, $FRAMES frame_* entries, stdout: ${REPORTED:-(none)}"
    else
      vfail=1
    fi
    if [ "$bfail" = 0 ] && run_baseline "$input" "$every"; then
      b+=("$SECS"); bf=$FRAMES
      say "  run $r: baseline ${SECS} s, $FRAMES jpgs"
    else
      bfail=1
    fi
    if [ "$vfail" = 0 ] && [ "$bfail" = 0 ] && [ "$warned" = 0 ] && [ $((vf > bf ? vf - bf : bf - vf)) -gt 1 ]; then
      say "  WARNING: vidsnap's zip has $vf frame_* entries, the baseline made $bf"
      NOTES+=("WARNING case $n: vidsnap's zip has $vf frame_* entries, the baseline made $bf.")
      warned=1
    fi
  done
  vmed=error bmed=error ratio="-" ok=FAILED
  [ "$vfail" = 0 ] && vmed=$(median "${v[@]}")
  [ "$bfail" = 0 ] && bmed=$(median "${b[@]}")
  if [ "$vfail" = 0 ] && [ "$bfail" = 0 ]; then
    ratio=$(calc "$vmed / $bmed" 3)
    if le "$ratio" "$target"; then ok=yes; else ok=NO; fi
  fi
  [ "$ok" = yes ] || FAILED=1
  # On a shared machine another process can take a core mid-run: say so when runs of one side differ a lot.
  local spread_note=""
  [ "$vfail" = 0 ] && [ "$RUNS" -gt 1 ] && le 1.2 "$(spread "${v[@]}")" && spread_note+=" vidsnap $(printf '%s ' "${v[@]}")s;"
  [ "$bfail" = 0 ] && [ "$RUNS" -gt 1 ] && le 1.2 "$(spread "${b[@]}")" && spread_note+=" baseline $(printf '%s ' "${b[@]}")s;"
  if [ -n "$spread_note" ]; then
    say "  WARNING: runs varied by more than 20% ($spread_note) was the machine busy?"
    NOTES+=("WARNING case $n: runs varied by more than 20% ($spread_note) the machine was probably busy; rerun on an idle machine.")
  fi
  say "  median: vidsnap $vmed s, baseline $bmed s, ratio $ratio (target <= $target): $ok"
  row "$n. $title" "$vmed" "$bmed" "$ratio" "<= $target" "$ok"
}

# peak_memory: case 5. /usr/bin/time -v reports ru_maxrss: the largest single process among the one it
# runs and the descendants that were waited for (so an ffmpeg child counts if it is larger), never a sum.
# A sampler also records the extractor process's own VmHWM and the peak sum of RSS over its process tree.
peak_memory() {
  local options='{"mode":"interval","intervalSeconds":60,"precision":"fast"}' zip=$TMP/big.zip
  local t0 t1 rc=0 pid rss_kb secs frames expected own_kb tree_kb ok
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
    row "5. peak RSS, $((BIG_BYTES / 1000000)) MB 1080p, every 60 s, fast" error "-" "-" "<= $RSS_TARGET_MB MB" FAILED
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
  row "5. peak RSS, $((BIG_BYTES / 1000000)) MB 1080p, every 60 s, fast" "$(calc "$rss_kb / 1024" 0) MB (${secs} s)" "-" "-" "<= $RSS_TARGET_MB MB" "$ok"
  NOTES+=("Case 5: peak RSS is /usr/bin/time -v's \"Maximum resident set size\": the largest single process among the extractor and the children it waited for (an ffmpeg child counts if it is larger), not their sum. Sampled every 0.2 s: the extractor process alone peaked at $(calc "${own_kb:-0} / 1024" 0) MB (VmHWM), its whole process tree at $(calc "${tree_kb:-0} / 1024" 0) MB (sum of RSS).")
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
if has_case 1 || has_case 2 || has_case 3; then
  D1080=$(duration_of "$IN_1080")
  NOTES+=("Input A: $(describe "$IN_1080") ($(basename "$IN_1080")).")
fi
has_case 4 && NOTES+=("Input B: $(describe "$IN_720") ($(basename "$IN_720")).")
has_case 5 && NOTES+=("Input C: $(describe "$IN_BIG") ($(basename "$IN_BIG"); a 60 s segment repeated by stream copy).")

has_case 1 && bench_case 1 "1080p 3 min, every 10 s, exact" "$IN_1080" '{"mode":"interval","intervalSeconds":10}' 10 0.4
has_case 2 && bench_case 2 "1080p 3 min, every 10 s, fast" "$IN_1080" '{"mode":"interval","intervalSeconds":10,"precision":"fast"}' 10 0.08
has_case 3 && bench_case 3 "1080p 3 min, count 12" "$IN_1080" '{"mode":"count","count":12}' "$(calc "$D1080 / 12" 4)" 0.4
has_case 4 && bench_case 4 "720p 60 s, every 1 s" "$IN_720" '{"mode":"interval","intervalSeconds":1}' 1 1.05
has_case 5 && peak_memory

# --- results ------------------------------------------------------------------------------------------
MACHINE="Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, $(ffmpeg -version | head -1 | cut -d' ' -f1-3), $(date -u '+%Y-%m-%d %H:%M UTC'); extractor: $EXTRACTOR; median of $RUNS runs per side, wall clock; ratio = vidsnap / baseline; baseline = \`ffmpeg -vf fps=1/N -q:v 2\` + \`zip -j\`."
[ "$GEN_SECONDS" != 0 ] && say "" && say "Input generation took $GEN_SECONDS s this run."
{
  echo "| case | vidsnap s | baseline s | ratio | target | ok? |"
  echo "| --- | ---: | ---: | ---: | --- | --- |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "$MACHINE"
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

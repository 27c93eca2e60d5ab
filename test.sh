#!/usr/bin/env bash
# Installs what the tests need when it is missing, builds, runs every test project and ends with one
# line of totals: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

ensure_dotnet
ensure_apt ffmpeg ffmpeg

log_dir=artifacts/test-logs
mkdir -p "$log_dir"
passed=0 failed=0 skipped=0

if ! dotnet build Vidsnap.slnx -c Release --nologo -v quiet -clp:ErrorsOnly; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo --logger "console;verbosity=normal" 2>&1 | tee "$log_dir/$name.log" \
    | grep -E "^\s+(Passed|Failed|Skipped) |^(Passed|Failed)!|error" || true
  summary=$(grep -E "^(Passed|Failed)! +- +Failed:" "$log_dir/$name.log" | tail -1)
  if [ -z "$summary" ]; then
    echo "$name did not report results (see $log_dir/$name.log)"
    failed=$((failed + 1))
    continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]

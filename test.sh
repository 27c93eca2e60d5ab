#!/usr/bin/env bash
# Installs what the tests need when it is missing (ffmpeg, chromium, PostgreSQL, the S3/SQS/SMTP stand-ins,
# the deployment check tools), builds, runs every test project and ends with one line of totals: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

ensure_dotnet
ensure_apt ffmpeg ffmpeg
# Debian's chromium for the browser tests: Playwright drives it and never downloads a browser of its own.
ensure_apt chromium chromium
# PostgreSQL, s3rver, local-aws-sqs and aiosmtpd: the real servers the contract and distributed tests start.
source scripts/local-services.sh
local_services_install || { echo "Installing the local services failed."; echo "0 passed, 1 failed"; exit 1; }
# The deployment checks: docker-compose (Debian's) checks docker-compose.yml, kubectl renders the Kustomize
# overlays, and the npm packages in deploy/validate check every rendered object against its schema.
source scripts/deploy-tools.sh
deploy_tools_install || { echo "Installing the deployment check tools failed."; echo "0 passed, 1 failed"; exit 1; }

log_dir=artifacts/test-logs
mkdir -p "$log_dir"
passed=0 failed=0 skipped=0

if ! dotnet build Vidsnap.slnx -c Release --nologo -v quiet -clp:ErrorsOnly; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

results=artifacts/test-results
rm -rf "$results"
for project in tests/*/*.csproj; do
  # Shared support (tests/Vidsnap.Testing) builds with the rest but holds no tests of its own.
  grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo --results-directory "$results" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" >"$log_dir/$name.log" 2>&1
  grep -E "^\s+(Passed|Failed|Skipped) |^\s+(Assert|Expected|Actual|at Vidsnap)|error" "$log_dir/$name.log" || true
  counters=$(grep -o '<Counters [^>]*>' "$results/$name.trx" 2>/dev/null)
  if [ -z "$counters" ]; then
    echo "$name did not report results (see $log_dir/$name.log)"
    tail -20 "$log_dir/$name.log"
    failed=$((failed + 1))
    continue
  fi
  count() { sed -E "s/.* $1=\"([0-9]+)\".*/\1/" <<<"$counters"; }
  p=$(count passed) f=$(count failed) t=$(count total) e=$(count executed)
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + t - e))
done

if [ "$failed" -gt 0 ]; then
  # CI keeps only the end of the output: name what failed, with the first lines of why, right above the count.
  echo "== What failed"
  for log in "$log_dir"/*.log; do
    grep -E -A4 "^\s+Failed " "$log" | grep -vE "^\s+at |^--$|Stack Trace" | cut -c1-400 | head -60
  done
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# The full fault-injection run (not part of ./test.sh, which runs a short one): N videos through the
# distributed stack while role processes are SIGKILLed and PostgreSQL and the SQS server restarted, then the
# same against the embedded process. Prints "N acknowledged / K kills / L lost / D duplicate zips / E duplicate emails"
# per mode. VIDSNAP_FAULT_VIDEOS (default 100) and VIDSNAP_FAULT_KILLS (default 20) set the size;
# an argument "distributed" or "embedded" runs one mode only.
set -uo pipefail
cd "$(dirname "$0")"
source scripts/common.sh
ensure_dotnet
ensure_apt ffmpeg ffmpeg
source scripts/local-services.sh
local_services_install || exit 1

export VIDSNAP_FAULT_VIDEOS=${VIDSNAP_FAULT_VIDEOS:-100}
export VIDSNAP_FAULT_KILLS=${VIDSNAP_FAULT_KILLS:-20}
case "${1:-all}" in
  distributed) filter="FullyQualifiedName~FaultInjectionTests.Distributed" ;;
  embedded) filter="FullyQualifiedName~FaultInjectionTests.Embedded" ;;
  all) filter="FullyQualifiedName~FaultInjectionTests" ;;
  *) echo "usage: $0 [distributed|embedded]" >&2; exit 2 ;;
esac

dotnet build Vidsnap.slnx -c Release --nologo -v quiet -clp:ErrorsOnly || exit 1
rm -rf artifacts/fault-injection
mkdir -p artifacts/test-logs
dotnet test tests/Vidsnap.IntegrationTests -c Release --no-build --nologo --filter "$filter" \
  --logger "console;verbosity=detailed" >artifacts/test-logs/fault-injection.log 2>&1
status=$?
for report in artifacts/fault-injection/*.txt; do
  [ -f "$report" ] && { echo "== $report"; cat "$report"; }
done
[ $status -eq 0 ] || echo "The run failed; see artifacts/test-logs/fault-injection.log"
exit $status

#!/usr/bin/env bash
# Starts Vidsnap on http://localhost:8080 (--urls changes it), data in ./data (or $Vidsnap__DataDirectory).
#   ./run.sh              embedded mode: all roles in one process, SQLite, files (the default)
#   ./run.sh distributed  one process per role on PostgreSQL, S3, SQS and SMTP servers started locally
# Other arguments pass to the host.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

mode=embedded
case "${1:-}" in
  embedded) shift ;;
  distributed) mode=distributed; shift ;;
esac

ensure_dotnet
ensure_apt ffmpeg ffmpeg
echo "Building Vidsnap..." >&2
dotnet build src/Vidsnap.Host -c Release -o artifacts/host --nologo -v quiet -clp:ErrorsOnly >&2
echo "Starting Vidsnap ($mode mode); Ctrl-C stops it." >&2
if [ "$mode" = embedded ]; then
  exec dotnet artifacts/host/vidsnap.dll "$@"
fi

# Distributed: the gateway takes --urls; every other argument goes to every role.
urls=http://localhost:8080 args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --urls) urls=$2; shift 2 ;;
    --urls=*) urls=${1#--urls=}; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
source scripts/run-distributed.sh
run_distributed "$urls" "${args[@]}"

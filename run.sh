#!/usr/bin/env bash
# Starts Vidsnap on http://localhost:8080 (--urls changes it), data in ./data (or $Vidsnap__DataDirectory).
#   ./run.sh              embedded mode: all roles in one process, SQLite, files (the default)
#   ./run.sh distributed  one process per role on PostgreSQL, S3, SQS and SMTP servers started locally;
#                         --video-workers N starts N video-worker processes, which share the job queue
# Other arguments pass to the host.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

mode=embedded
case "${1:-}" in
  embedded) shift ;;
  distributed) mode=distributed; shift ;;
esac

# The gateway takes --urls; every other argument goes to the host (every role, in distributed mode).
urls=http://localhost:8080 args=() video_workers=1
while [ $# -gt 0 ]; do
  case "$1" in
    --urls) urls=${2:-}; shift $(($# > 1 ? 2 : 1)) ;;
    --urls=*) urls=${1#--urls=}; shift ;;
    --video-workers) video_workers=${2:-}; shift $(($# > 1 ? 2 : 1)) ;;
    --video-workers=*) video_workers=${1#--video-workers=}; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if ! [[ "$video_workers" =~ ^[1-9][0-9]?$ ]]; then
  echo "--video-workers takes a number of processes from 1 to 99, not '$video_workers'." >&2
  exit 2
fi
if [ "$mode" = embedded ] && [ "$video_workers" -ne 1 ]; then
  echo "--video-workers is for distributed mode (./run.sh distributed --video-workers $video_workers): embedded mode is one process." >&2
  exit 2
fi

ensure_dotnet
ensure_apt ffmpeg ffmpeg
echo "Building Vidsnap..." >&2
dotnet build src/Vidsnap.Host -c Release -o artifacts/host --nologo -v quiet -clp:ErrorsOnly >&2
# Emails link to a video's page; the notifier serves no request to learn the address from, so it is the first of
# --urls, with a wildcard host read as this machine (set Notifications__WebAppUrl for the address others use).
if [ -z "${Notifications__WebAppUrl:-}" ]; then
  first=${urls%%;*}
  export Notifications__WebAppUrl=$(sed -E 's#//(0\.0\.0\.0|\*|\+|\[::\])(:|/|$)#//localhost\2#' <<<"$first")
fi
echo "Starting Vidsnap ($mode mode); Ctrl-C stops it." >&2
if [ "$mode" = embedded ]; then
  exec dotnet artifacts/host/vidsnap.dll --urls "$urls" "${args[@]}"
fi

source scripts/run-distributed.sh
run_distributed "$urls" "$video_workers" "${args[@]}"

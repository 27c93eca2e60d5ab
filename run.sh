#!/usr/bin/env bash
# Starts Vidsnap. Embedded mode (the default): all roles in one process on http://localhost:8080,
# data in ./data (or $Vidsnap__DataDirectory). Other arguments pass to the host, e.g. --urls.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

mode=embedded
case "${1:-}" in
  embedded) shift ;;
  distributed)
    echo "Distributed mode is not built yet: run ./run.sh for embedded mode." >&2
    exit 2 ;;
esac

ensure_dotnet
ensure_apt ffmpeg ffmpeg
echo "Building Vidsnap..." >&2
dotnet build src/Vidsnap.Host -c Release -o artifacts/host --nologo -v quiet -clp:ErrorsOnly >&2
echo "Starting Vidsnap ($mode mode); Ctrl-C stops it." >&2
exec dotnet artifacts/host/vidsnap.dll "$@"

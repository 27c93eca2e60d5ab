# Shared by run.sh and test.sh: installs what is missing, never what is there.

# ensure_apt PACKAGE COMMAND: installs the Debian package when COMMAND is not on PATH.
ensure_apt() {
  local package=$1 command=$2
  command -v "$command" >/dev/null 2>&1 && return 0
  echo "Installing $package (needed for $command)..." >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ ! -f /tmp/.vidsnap-apt-updated ]; then
    $sudo apt-get update -q >&2 && touch /tmp/.vidsnap-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "$package" >&2
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (https://dotnet.microsoft.com/download)." >&2
    exit 1
  fi
}

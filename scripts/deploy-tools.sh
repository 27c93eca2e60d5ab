# What tests/Vidsnap.DeploymentTests needs, installed when missing. A library: source it, never run it.
#   deploy_tools_install   docker-compose (Debian's package), kubectl if the machine's package sources
#                          have it, and deploy/validate/node_modules (npm ci, when missing or older than
#                          package-lock.json). Returns non-zero only when something that can be
#                          installed failed to install.
# Without kubectl the Kubernetes render and validation tests report themselves skipped, with the reason.

DEPLOY_TOOLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=common.sh
source "$DEPLOY_TOOLS_DIR/scripts/common.sh"

deploy_tools_install() {
  ensure_apt docker-compose docker-compose || return 1
  if ! command -v kubectl >/dev/null 2>&1; then
    # Debian's own kubernetes-client is too old for these overlays (its kustomize predates `labels` and
    # targeted patches); kubectl comes from the Kubernetes or cloud SDK package sources where configured.
    if apt-cache show kubectl >/dev/null 2>&1; then
      ensure_apt kubectl kubectl || return 1
    else
      echo "kubectl is not installed and no package source here has it: the Kubernetes render tests will be skipped." >&2
    fi
  fi

  if ! command -v npm >/dev/null 2>&1; then
    ensure_apt nodejs node || return 1
    ensure_apt npm npm || return 1
  fi
  local dir=$DEPLOY_TOOLS_DIR/deploy/validate
  if [ ! -f "$dir/node_modules/.package-lock.json" ] \
    || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "Installing the manifest validator (npm ci in $dir)..." >&2
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >&2 || return 1
  fi
}

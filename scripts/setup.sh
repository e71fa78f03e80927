#!/usr/bin/env bash
# Idempotent setup for a fresh Debian machine. Installs Debian's Python ML stack when missing, restores and
# builds AgentML (Release). With --docker also installs docker.io, starts dockerd and builds the sandbox image
# offline when it is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
with_docker=0
for arg in "$@"; do
  case "$arg" in
    --docker) with_docker=1 ;;
    *) echo "setup.sh: unknown option $arg (expected --docker)" >&2; exit 2 ;;
  esac
done

log() { echo "[setup] $*"; }
apt_updated=0
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    log "need root to install: $* (run: sudo apt-get install -y $*)"; return 1
  fi
  if [ $apt_updated -eq 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! /usr/bin/python3 -c 'import sklearn, pandas, scipy, xgboost' 2>/dev/null; then
  log "installing Debian's python3-sklearn python3-pandas python3-scipy python3-xgboost"
  apt_install python3-sklearn python3-pandas python3-scipy python3-xgboost
fi
if ! /usr/bin/python3 -c 'import torch, torchvision, skimage, PIL' 2>/dev/null; then
  log "installing Debian's python3-torch python3-torchvision python3-skimage python3-pil (image programs)"
  apt_install python3-torch python3-torchvision python3-skimage python3-pil
fi
log "python: $(/usr/bin/python3 -c 'import sklearn, pandas, xgboost, sys; print(sys.version.split()[0], "sklearn", sklearn.__version__, "pandas", pandas.__version__, "xgboost", xgboost.__version__)')"

log "building AgentML (Release)"
dotnet build AgentML.sln -c Release -nologo -v quiet -clp:ErrorsOnly

if [ $with_docker -eq 1 ]; then
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
    log "installing docker.io and debootstrap"
    apt_install docker.io debootstrap || log "could not install docker.io; Docker tests will be skipped"
  fi
  if command -v dockerd >/dev/null 2>&1 && ! docker info >/dev/null 2>&1; then
    log "starting dockerd (log: /tmp/agentml-dockerd.log)"
    (setsid dockerd >/tmp/agentml-dockerd.log 2>&1 &)
    for _ in $(seq 1 30); do docker info >/dev/null 2>&1 && break; sleep 1; done
  fi
  if docker info >/dev/null 2>&1; then
    # Offline image build from Debian packages (about 70-80 s); a no-op when agentml-sandbox:<version> exists.
    "$root/agentml" sandbox build || log "sandbox image build failed; Docker tests will say why"
  else
    log "Docker engine not reachable; Docker tests will be skipped with that reason"
    [ -f /tmp/agentml-dockerd.log ] && tail -n 5 /tmp/agentml-dockerd.log | sed 's/^/[setup]   dockerd: /'
  fi
fi
log "done"

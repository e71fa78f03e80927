#!/usr/bin/env bash
# Idempotent setup for a fresh Debian machine. Installs Debian's Python ML stack and bubblewrap (the process
# sandbox's fresh root per program) when missing, restores and builds AgentML (Release). With --docker also
# installs docker.io, starts dockerd and builds the sandbox image offline when it is missing. With --slurm also
# installs Debian's slurm-wlm and munge and starts a one-node Slurm cluster on this machine (munged, slurmctld,
# slurmd; generated munge key and slurm.conf), see docs/scale-out.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
with_docker=0
with_slurm=0
for arg in "$@"; do
  case "$arg" in
    --docker) with_docker=1 ;;
    --slurm) with_slurm=1 ;;
    *) echo "setup.sh: unknown option $arg (expected --docker or --slurm)" >&2; exit 2 ;;
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
if ! command -v bwrap >/dev/null 2>&1; then
  log "installing bubblewrap (the process sandbox gives each program a fresh root with it)"
  apt_install bubblewrap || log "could not install bubblewrap; the process sandbox will warn that the host's files are visible"
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
if [ $with_slurm -eq 1 ]; then
  # Exit code 3 (not set -e): the caller decides; the Slurm tests then fail naming /tmp/agentml-slurm/status.
  bash "$root/scripts/slurm-cluster.sh" || log "the one-node Slurm cluster did not start (see /tmp/agentml-slurm/status)"
fi

if [ $with_docker -eq 1 ] && ! command -v chromium >/dev/null 2>&1; then
  # The report test opens report.html in headless Chromium.
  log "installing Debian's chromium (headless, for the report test)"
  apt_install --no-install-recommends chromium || log "could not install chromium; the report browser test will be skipped"
fi
log "done"

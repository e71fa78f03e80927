#!/usr/bin/env bash
# Builds the AgentML sandbox image offline, from Debian packages only (no image registry needed):
#   debootstrap --variant=minbase bookworm (from the mirror apt already uses) + Debian's Python ML stack
#   + a non-root user, then `tar | docker import` with USER/WORKDIR/ENV set.
# Usage: build-offline.sh <image:tag>      (run as root; needs debootstrap and a running Docker engine)
# Overrides: AGENTML_DEBIAN_MIRROR, AGENTML_DEBIAN_SECURITY_MIRROR, AGENTML_SANDBOX_UID (default 1000).
set -euo pipefail
tag="${1:?usage: build-offline.sh <image:tag>}"
suite=bookworm
uid="${AGENTML_SANDBOX_UID:-1000}"
packages=(python3 python-is-python3 python3-sklearn python3-pandas python3-scipy python3-xgboost
          python3-torch python3-torchvision python3-skimage python3-pil ca-certificates)

log() { echo "[sandbox-image] $*" >&2; }
die() { log "error: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap and chroot need it)"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
docker info >/dev/null 2>&1 || die "the Docker engine is not reachable: start it with 'dockerd &' (or 'systemctl start docker')"

# The first URI apt uses for a suite, from one-line (.list) and deb822 (.sources) files.
apt_uri_for_suite() {
  local want="$1" f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v s="$want" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                       if ($(i + 1) == s) { print $i; exit } }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v s="$want" 'BEGIN { RS = ""; FS = "\n" }
      { uris = ""; suites = ""; enabled = 1
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) { uris = $i; sub(/^URIs:[ \t]*/, "", uris) }
          if ($i ~ /^Suites:/) { suites = " " $i " "; sub(/^ Suites:/, "", suites) }
          if ($i ~ /^Enabled:[ \t]*no/) enabled = 0 }
        if (enabled && index(suites " ", " " s " ") > 0) { split(uris, u, " "); print u[1]; exit } }' "$f"
  done
}

mirror="${AGENTML_DEBIAN_MIRROR:-$(apt_uri_for_suite "$suite" | head -n1)}"
mirror="${mirror:-http://deb.debian.org/debian}"
security="${AGENTML_DEBIAN_SECURITY_MIRROR:-$(apt_uri_for_suite "$suite-security" | head -n1)}"
log "mirror $mirror${security:+, security $security}; image $tag"

work="$(mktemp -d /var/tmp/agentml-sandbox-image.XXXXXX)"
rootfs="$work/rootfs"
cleanup() {
  umount "$rootfs/proc" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start=$(date +%s)
log "debootstrap --variant=minbase $suite"
debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed (log above)"; }

{
  echo "deb $mirror $suite main"
  echo "deb $mirror $suite-updates main"
  [ -n "$security" ] && echo "deb $security $suite-security main"
} >"$rootfs/etc/apt/sources.list"

mount -t proc proc "$rootfs/proc"
log "installing ${packages[*]}"
chroot "$rootfs" /usr/bin/env DEBIAN_FRONTEND=noninteractive LC_ALL=C bash -euc '
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/var/tmp/apt.log 2>&1 || { tail -n 30 /var/tmp/apt.log >&2; exit 1; }
  rm -f /var/tmp/apt.log
  apt-get clean
  rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* /usr/share/locale/* /var/log/*.log
' bash "${packages[@]}"
chroot "$rootfs" useradd --create-home --home-dir /home/sandbox --uid "$uid" --user-group --shell /bin/bash sandbox
chroot "$rootfs" python3 -c 'import torch, torchvision, skimage, PIL' || die "the image stack (torch, torchvision, skimage, PIL) does not import"
versions="$(chroot "$rootfs" python3 -c 'import sys, sklearn, pandas, scipy, numpy, xgboost
print("python", sys.version.split()[0], "sklearn", sklearn.__version__, "pandas", pandas.__version__,
      "scipy", scipy.__version__, "numpy", numpy.__version__, "xgboost", xgboost.__version__)')"
log "$versions"
umount "$rootfs/proc"

log "docker import $tag"
tar --numeric-owner -C "$rootfs" -c . | docker import \
  --change 'USER sandbox' \
  --change 'WORKDIR /home/sandbox' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV HOME=/home/sandbox' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PYTHONUNBUFFERED=1' \
  --change 'ENV PYTHONDONTWRITEBYTECODE=1' \
  --change 'ENV MPLBACKEND=Agg' \
  --change 'ENV OMP_NUM_THREADS=1' \
  --change "LABEL agentml.sandbox.build=offline agentml.sandbox.versions=\"$versions\"" \
  --change 'CMD ["python3"]' \
  --message "AgentML sandbox, offline build from Debian $suite" \
  - "$tag" >/dev/null
log "built $tag in $(( $(date +%s) - start )) s"

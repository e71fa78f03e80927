# AgentML process-sandbox launcher: run with `sh -c`, as root inside fresh mount/pid/network namespaces, or as
# the caller without them. It joins the job's cgroups, binds the mounts, then execs the command (as USER).
# usage: sh -c SCRIPT launcher CGROUPS USER MEMORY_KB WORKDIR COUNT [SOURCE TARGET ro|rw]... -- COMMAND...
#   CGROUPS    ':'-separated cgroup.procs files to join first, or '-'
#   USER       'uid:gid' to become with setpriv (no capabilities, no new privileges), or '-'
#   MEMORY_KB  address-space limit (ulimit -v) when no cgroup limits memory, or '-'
#   COUNT      number of SOURCE TARGET MODE triples that follow (bind mounts; MODE ro makes them read-only)
exec 2>&1
set -eu
cgroups=$1 user=$2 memory=$3 workdir=$4 count=$5
shift 5
if [ "$cgroups" != - ]; then
  IFS=:
  for file in $cgroups; do echo $$ >"$file"; done
  unset IFS
fi
while [ "$count" -gt 0 ]; do
  mount --bind "$1" "$2"
  if [ "$3" = ro ]; then mount -o remount,bind,ro "$2"; fi
  shift 3
  count=$((count - 1))
done
[ "$1" = -- ] && shift
for ip in /usr/sbin/ip /sbin/ip /usr/bin/ip; do
  if [ -x "$ip" ]; then "$ip" link set lo up 2>/dev/null || true; break; fi
done
if [ "$memory" != - ]; then ulimit -v "$memory"; fi
cd "$workdir"
# The program runs as a child, not by exec: in a pid namespace this shell is pid 1 (the kernel ignores
# signals a namespace's init has no handler for, so the program must not be it), and its exit status
# reports a signal as 128+N (util-linux's unshare cannot re-raise it).
set +e
if [ "$user" != - ]; then
  setpriv --reuid="${user%%:*}" --regid="${user#*:}" --clear-groups --no-new-privs --inh-caps=-all --bounding-set=-all -- "$@"
else
  "$@"
fi
exit $?

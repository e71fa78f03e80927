# AgentML process-sandbox launcher for bubblewrap: run with `sh -c`. It joins the job's cgroups and sets the
# address-space limit, then execs the rest of its arguments (bwrap, which builds the program's fresh root).
# usage: sh -c SCRIPT launcher CGROUPS MEMORY_KB COMMAND...
#   CGROUPS    ':'-separated cgroup.procs files to join first, or '-'
#   MEMORY_KB  address-space limit (ulimit -v) when no cgroup limits memory, or '-'
exec 2>&1
set -eu
cgroups=$1 memory=$2
shift 2
if [ "$cgroups" != - ]; then
  IFS=:
  for file in $cgroups; do echo $$ >"$file"; done
  unset IFS
fi
if [ "$memory" != - ]; then ulimit -v "$memory"; fi
exec "$@"

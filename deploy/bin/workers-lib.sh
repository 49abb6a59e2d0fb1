# Sourced by start-workers, stop-workers and workers-status: where local workers keep their state.
#
#   $DAPHNE_GRID_STATE (default ${TMPDIR:-/tmp}/daphne-grid-<uid>/workers)
#     <port>.pid      pid of the worker: its JVM (bin/DistributedWorker execs it), a session leader
#     <port>.out      its stdout and stderr (the start line, start errors)
#     workers         the DISTRIBUTED_WORKERS value of the running set
#     member-config   the worker YAML they were started with (empty: built-in defaults)
#     logs/           the Hazelcast logs (DAPHNE_GRID_LOG_DIR of the workers)

dw_lib="${BASH_SOURCE[0]}"
[ -L "$dw_lib" ] && dw_lib="$(readlink -f "$dw_lib")"
[[ "$dw_lib" == */* ]] || dw_lib="./$dw_lib"
dw_root="$(cd "${dw_lib%/*}/../.." && pwd)"
dw_state="${DAPHNE_GRID_STATE:-${TMPDIR:-/tmp}/daphne-grid-$(id -u)/workers}"

# True if $1 is the pid of a running worker (not a recycled pid). Right after the start the pid may
# still be setsid's or the launcher's, before they exec the JVM; all name DistributedWorker. The
# command line reads empty for an exited child not yet reaped (state Z), and also for an instant
# while one of those execs replaces the process: then it is read again.
dw_alive() {
  local cmdline stat tries=0
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 1
  while :; do
    cmdline="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)" || return 1
    [ -z "$cmdline" ] && [ $tries -lt 20 ] || break
    read -r stat <"/proc/$1/stat" 2>/dev/null || return 1
    stat="${stat##*) }"
    [ "${stat%% *}" = Z ] && return 1
    tries=$((tries + 1))
    sleep 0.05
  done
  [[ "$cmdline" == *DistributedWorker* ]]
}

# Prints the ports that have a pid file, ascending.
dw_ports() {
  local f
  for f in "$dw_state"/*.pid; do
    [ -e "$f" ] || continue
    f="${f##*/}"
    echo "${f%.pid}"
  done | sort -n
}

# Runs GridStatus (a Hazelcast client that lists the members) with the given arguments.
dw_grid_status() {
  (
    daphne_prog=workers-status
    source "$dw_root/deploy/bin/java-env.sh"
    DAPHNE_GRID_LOG_DIR="$dw_state/logs" daphne_run_java daphnegrid.grid.GridStatus "$@"
  )
}

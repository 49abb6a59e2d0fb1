# The start-up cache a bin/daphne run takes (deploy/bin/make-startup-cache), sourced by bin/daphne.
# Shell builtins only: a process started per launch costs milliseconds.

# Sets DAPHNE_CACHE_VARIANT for a run with these arguments: grid for --distributed on an embedded
# grid, client for --distributed with DISTRIBUTED_WORKERS set, frames for a local run whose script
# names frames or SQL, and empty (the matrix scripts' cache) otherwise. The JVM loads every class
# of its cache when it starts, and the frames' and SQL's classes made a matrix script's start 13-16
# ms slower. For frames, the arguments that are readable files are looked at (the script, and a
# --config file before it); the modules a script imports are not: a script that uses frames only
# through one gets the matrix cache, and its frames' classes then load from the jars (slower to
# start, the same results).
daphne_cache_variant() { # daphne-arguments...
  local arg text w
  DAPHNE_CACHE_VARIANT=
  for arg in "$@"; do
    [ "$arg" = --distributed ] && DAPHNE_CACHE_VARIANT=grid
  done
  if [ "$DAPHNE_CACHE_VARIANT" = grid ]; then
    w="${DISTRIBUTED_WORKERS:-}"
    [ -n "${w//[[:space:]]/}" ] && DAPHNE_CACHE_VARIANT=client
    return 0
  fi
  for arg in "$@"; do
    [[ "$arg" != -* && -f "$arg" && -r "$arg" ]] || continue
    IFS= read -r -d '' text <"$arg"
    if [[ "$text" =~ (Frame|sql|registerView|read\() ]]; then
      DAPHNE_CACHE_VARIANT=frames
      return 0
    fi
  done
  return 0
}

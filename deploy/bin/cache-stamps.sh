# Stamps of the jars a start-up cache was made for, sourced by java-env.sh and make-startup-cache.
# A cache's stamps are <cache>.jars/: one empty file per jar of $daphne_lib, named after it, with
# its modification time. Shell builtins only (and touch when stamping): a process started per
# launch costs milliseconds on the machines we measured.

# Writes the stamps of cache for the jars now in $daphne_lib.
daphne_stamp_jars() { # cache
  local j
  rm -rf "$1.jars" && mkdir -p "$1.jars" || return 1
  for j in "$daphne_lib"/*.jar; do
    touch -r "$j" "$1.jars/${j##*/}" || return 1
  done
}

# True when $daphne_lib holds exactly the jars of cache's stamps, with the same modification times.
daphne_cache_fits() { # cache
  local j s n=0
  [ -d "$1.jars" ] || return 1
  for j in "$daphne_lib"/*.jar; do
    s="$1.jars/${j##*/}"
    [ -e "$s" ] && ! [ "$j" -nt "$s" ] && ! [ "$s" -nt "$j" ] || return 1
    n=$((n + 1))
  done
  for s in "$1.jars"/*.jar; do
    n=$((n - 1))
  done
  [ "$n" -eq 0 ]
}

# Sourced by the bin/ launchers: picks the JVM, the classpath and the JVM options, then
# daphne_run_java replaces the launcher with the JVM. Pure bash (no subshells besides the stderr
# filter) because it runs on every start-up.
#
# The JVM is the newest JDK (17 or later) among $JAVA_HOME, the JDKs under /usr/lib/jvm and
# `java` on the PATH: newer JDKs warm Vector-API code several times sooner. DAPHNE_JAVA_HOME
# overrides the choice. The classpath is deploy/target/lib, filled by `mvn package`.
#
# A launcher may set, before sourcing: daphne_prog (the name in error messages, default daphne)
# and daphne_jvm_gc (the GC flag, default -XX:+UseParallelGC; left out when the user's options name
# a GC).

daphne_self="${BASH_SOURCE[0]}"
[ -L "$daphne_self" ] && daphne_self="$(readlink -f "$daphne_self")"
[[ "$daphne_self" == */* ]] || daphne_self="./$daphne_self"
daphne_root="$(cd "${daphne_self%/*}/../.." && pwd -P)"
daphne_prog="${daphne_prog:-daphne}"
daphne_lib="$daphne_root/deploy/target/lib"

# Sets daphne_v to the feature version (17, 21, 25, ...) of the JDK at $1, or to 0, and
# daphne_release to its exact build (JAVA_RUNTIME_VERSION, e.g. 25.0.3+9-LTS; else JAVA_VERSION).
daphne_jdk_version() {
  daphne_v=0
  daphne_release=""
  local line version="" runtime=""
  [ -x "$1/bin/java" ] && [ -r "$1/release" ] || return 0
  while IFS= read -r line; do
    case "$line" in
      JAVA_VERSION=*) version="${line#JAVA_VERSION=}" ;;
      JAVA_RUNTIME_VERSION=*) runtime="${line#JAVA_RUNTIME_VERSION=}" ;;
    esac
  done <"$1/release"
  version="${version//\"/}"
  runtime="${runtime//\"/}"
  daphne_release="${runtime:-$version}"
  version="${version%%.*}"
  [[ "$version" =~ ^[0-9]+$ ]] && daphne_v=$version
  return 0
}

daphne_java_home=""
daphne_java_version=0
if [ -n "${DAPHNE_JAVA_HOME:-}" ]; then
  daphne_java_home="$DAPHNE_JAVA_HOME"
  daphne_jdk_version "$daphne_java_home"
  daphne_java_version=$daphne_v
  daphne_java_release=$daphne_release
else
  daphne_candidates=()
  [ -n "${JAVA_HOME:-}" ] && daphne_candidates+=("$JAVA_HOME")
  for daphne_h in /usr/lib/jvm/*; do
    [ -L "$daphne_h" ] || daphne_candidates+=("$daphne_h")
  done
  if daphne_h="$(type -P java)"; then
    daphne_h="$(readlink -f "$daphne_h")"
    daphne_candidates+=("${daphne_h%/bin/java}")
  fi
  for daphne_h in "${daphne_candidates[@]}"; do
    daphne_jdk_version "$daphne_h"
    if [ "$daphne_v" -ge 17 ] && [ "$daphne_v" -gt "$daphne_java_version" ]; then
      daphne_java_home="$daphne_h"
      daphne_java_version=$daphne_v
      daphne_java_release=$daphne_release
    fi
  done
fi
if [ -z "$daphne_java_home" ] || [ ! -x "$daphne_java_home/bin/java" ]; then
  echo "$daphne_prog: no Java 17 or newer found (set JAVA_HOME)" >&2
  exit 3
fi
if [ ! -f "$daphne_lib/kernels.jar" ]; then
  echo "$daphne_prog: $daphne_lib is missing; build first: mvn -q package -DskipTests" >&2
  exit 3
fi

# The GC: the launcher's, unless the user's extra options choose one (the JVM refuses two):
# DAPHNE_EXTRA_JVM_ARGS, and for workers DAPHNE_WORKER_JVM_ARGS too.
daphne_gc_flag="${daphne_jvm_gc:--XX:+UseParallelGC}"
daphne_user_opts=" ${DAPHNE_EXTRA_JVM_ARGS:-} "
[ "$daphne_prog" = DistributedWorker ] && daphne_user_opts+=" ${DAPHNE_WORKER_JVM_ARGS:-} "
for daphne_gc in Serial Parallel G1 Z Shenandoah Epsilon; do
  [[ "$daphne_user_opts" == *" -XX:+Use${daphne_gc}GC "* ]] && daphne_gc_flag=""
done

# The Vector API's module (jdk.incubator.vector): JDK 17 to 24 get it with --add-modules. A boot layer
# holding an incubator module makes the JVM keep its module graph out of the start-up cache below,
# and with it every linked class and lambda of the cache (JDK 25: "aot-linked = 0"), so JDK 25 and
# newer start without it and the kernels define the module at run time on first use
# (daphnegrid.kernels.VectorModule, which needs jdk.internal.module opened). Extra options that name
# the module themselves keep the old way.
daphne_vector_layer=""
if [ "$daphne_java_version" -ge 25 ] && [[ "$daphne_user_opts" != *jdk.incubator.vector* ]]; then
  daphne_vector_layer=1
fi

DAPHNE_JVM_ARGS=(
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/java.nio=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.management/sun.management=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
  -Xss16m
  ${daphne_gc_flag:+"$daphne_gc_flag"}
  # large arrays on 2 MiB pages: first touch of fresh memory is ~20x cheaper
  -XX:+UseTransparentHugePages
  # JVM warnings go to stderr, never to stdout (those of the start-up cache: see below)
  -Xlog:disable
  # The vector kernels' methods are compiled after a tenth of the usual invocations and loop
  # iterations: until C2 has compiled them they run their plain twins, and the probes that drive
  # them there (daphnegrid.kernels.simd.Warmup) are each up to a thousand times slower than the
  # compiled loop. bench/kmeans.daph (1,000,000 x 100, 8 centroids, 10 iterations): its loop took
  # 1567-1703 ms against 1669-2059 (five runs each, in turn); small scripts did not change. `quiet`
  # first: CompileCommand otherwise prints a line on stdout.
  -XX:CompileCommand=quiet
  "-XX:CompileCommand=CompileThresholdScaling,daphnegrid.kernels.simd.*::*,0.1"
)
if [ -n "$daphne_vector_layer" ]; then
  DAPHNE_JVM_ARGS+=(--add-opens java.base/jdk.internal.module=ALL-UNNAMED)
else
  DAPHNE_JVM_ARGS+=(--add-modules jdk.incubator.vector)
fi
if [ "$daphne_java_version" -ge 24 ]; then
  DAPHNE_JVM_ARGS+=(--sun-misc-unsafe-memory-access=allow)
fi
# The start-up cache's own lines (log tags aot and cds; JDK 17 knows no aot tag) go nowhere: a cache
# that does not fit this JVM or classpath, or a damaged one, is not used and the start is a normal
# one, without a word on stderr.
if [ "$daphne_java_version" -ge 25 ]; then
  DAPHNE_JVM_ARGS+=("-Xlog:all=warning,aot*=off,cds*=off:stderr")
else
  DAPHNE_JVM_ARGS+=(-Xlog:all=warning:stderr)
fi
# bin/daphne holds matrices in its heap where DAPHNE uses native memory: let it use most of the
# machine (the JVM default is a quarter); an explicit -Xmx in DAPHNE_EXTRA_JVM_ARGS still wins.
# Workers size their heap through DAPHNE_WORKER_JVM_ARGS.
if [ "$daphne_prog" = daphne ]; then
  DAPHNE_JVM_ARGS+=(-XX:MaxRAMPercentage=75)
fi
# The class path: the project's own jars first, then the libraries in name order. A class that the
# start-up cache does not hold is looked up along the path, and every jar before the one holding it
# is opened on the way: the vector kernels, loaded when the kernels are chosen, came after
# hazelcast.jar (12,000 entries, 12 ms to open) and 16 others in the directory's order.
daphne_own=" kernels.jar config.jar client-coordinator.jar grid-member.jar "
DAPHNE_CP=
for daphne_j in $daphne_own; do
  [ -f "$daphne_lib/$daphne_j" ] && DAPHNE_CP+="${DAPHNE_CP:+:}$daphne_lib/$daphne_j"
done
for daphne_j in "$daphne_lib"/*.jar; do
  [[ "$daphne_own" == *" ${daphne_j##*/} "* ]] || DAPHNE_CP+="${DAPHNE_CP:+:}$daphne_j"
done
unset daphne_j daphne_own

# Start-up cache made at build time (deploy/bin/make-startup-cache) for this very JDK build (its
# path and full version name the file): one for local runs of matrix scripts, one for local runs of
# scripts with frames or SQL (DAPHNE_CACHE_VARIANT=frames, chosen by bin/daphne), one holding the
# embedded grid member and the grid engine too for runs with --distributed (the launcher sets
# DAPHNE_CACHE_VARIANT=grid), one with the Hazelcast client instead for --distributed runs with
# DISTRIBUTED_WORKERS set (DAPHNE_CACHE_VARIANT=client), and one for workers
# (DAPHNE_CACHE_VARIANT=worker): the JVM loads every class of its cache when it starts, so a run
# should not get classes it never uses.
# `mvn package` makes them again whenever it refreshes deploy/target/lib; a cache whose jars changed
# since is not used (its stamps, below), and on a damaged file or another mismatch the JVM starts
# without it (silently: see -Xlog above). JDK 17 to 24 get no cache flag at all. Extra options
# (DAPHNE_EXTRA_JVM_ARGS, DAPHNE_WORKER_JVM_ARGS: a heap size, a JIT option) keep the cache; extra
# options that name an AOT setting (-XX:AOTMode=off; -XX:AOTCacheOutput=... when training) replace
# it.
daphne_cache_id="${daphne_java_home//\//_}-$daphne_java_release"
daphne_cache="$daphne_root/deploy/target/startup/$daphne_cache_id${DAPHNE_CACHE_VARIANT:+-$DAPHNE_CACHE_VARIANT}.aot"
# The JVM checks the cache's class path by the jars' names only, not their contents: a cache made
# for other jars of the same names would serve classes of those (found out by swapping in a
# rebuilt kernels.jar: a class from the old build came from the cache, its new inner class from the
# jar, and the run failed). So each cache has stamps beside it, in <cache>.jars/: one empty file
# per jar, named after it, with its modification time, and the launcher uses a cache only while the
# same jars are there with the same times (deploy/bin/cache-stamps.sh).
source "${daphne_self%/*}/cache-stamps.sh"
if [ "$daphne_java_version" -ge 25 ] && [[ "${DAPHNE_EXTRA_JVM_ARGS:-}" != *-XX:AOT* ]] \
  && [[ "${DAPHNE_WORKER_JVM_ARGS:-}" != *-XX:AOT* ]] && [ -f "$daphne_cache" ] \
  && daphne_cache_fits "$daphne_cache"; then
  # The cache's classes, loaded and linked, but not the method profiles of its training run (JEP
  # 515): with them the JIT compiled the kernels for the training's shapes, and a k-means loop over
  # other shapes (1,000,000 x 100, 8 centroids) ran its later iterations at 140-394 ms instead of
  # 82-102 in 12 runs of 14, and its first ten in 2.6-4.3 s instead of 2.1-2.9 (see the README).
  DAPHNE_JVM_ARGS+=("-XX:AOTCache=$daphne_cache")
  DAPHNE_JVM_ARGS+=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining)
fi

# Replaces the shell with the JVM (exec), so that the launcher's pid is the JVM's: signals,
# pid files, `$!` and supervisors reach the JVM itself, and its exit status is the process's.
#
# With --add-modules jdk.incubator.vector (JDK 17 to 24) the JVM prints one "WARNING: Using
# incubator modules" line to stderr before main(); stderr then goes through a filter process that
# drops exactly that line and passes the rest on: line by line until that line, then byte for byte
# as it comes (cat), so that a line
# redrawn in place without a newline (the progress line) reaches the terminal. The filter ignores INT, TERM and HUP (Ctrl-C or a signal to the process
# group cannot cut off the JVM's last lines) and ends when its input closes, that is when the JVM
# has exited, whatever ended it (kill -9 too). It is set up by its own `exec 2>` before the JVM's
# exec, so that the JVM holds the only write end of its pipe, and the JVM learns its pid
# (daphnegrid.stderr.filter): on a normal exit the JVM closes its stderr and waits briefly for the
# filter (daphnegrid.config.LauncherStderr), so whoever waits for the pid finds stderr complete.
daphne_run_java() {
  if [ -n "$daphne_vector_layer" ]; then # no incubator warning to drop: no filter
    exec "$daphne_java_home/bin/java" "${DAPHNE_JVM_ARGS[@]}" ${DAPHNE_EXTRA_JVM_ARGS:-} \
      -cp "$DAPHNE_CP" "$@"
  fi
  exec 2> >(
    trap '' INT TERM HUP
    while IFS= read -r daphne_line || [ -n "$daphne_line" ]; do
      if [ "$daphne_line" = "WARNING: Using incubator modules: jdk.incubator.vector" ]; then
        exec cat >&2
      fi
      printf '%s\n' "$daphne_line" >&2
    done
  )
  exec "$daphne_java_home/bin/java" "${DAPHNE_JVM_ARGS[@]}" "-Ddaphnegrid.stderr.filter=$!" \
    ${DAPHNE_EXTRA_JVM_ARGS:-} -cp "$DAPHNE_CP" "$@"
}

package daphnegrid.kernels.bench;

import org.openjdk.jmh.annotations.Fork;

/** {@link GemmBenchmarks} with the plain-loop twins (forced by a system property). */
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-Ddaphnegrid.kernels.plain=true"})
public class ScalarGemmBenchmarks extends GemmBenchmarks {}

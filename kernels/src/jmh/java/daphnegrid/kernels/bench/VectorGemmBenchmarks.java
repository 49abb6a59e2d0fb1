package daphnegrid.kernels.bench;

import org.openjdk.jmh.annotations.Fork;

/** {@link GemmBenchmarks} with the Vector API kernels. */
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class VectorGemmBenchmarks extends GemmBenchmarks {}

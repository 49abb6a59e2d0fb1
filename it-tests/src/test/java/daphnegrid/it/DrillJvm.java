package daphnegrid.it;

/**
 * The JVM option of the processes of the fault, deployment and guard drills (workers, clients,
 * status runs): C1 only. Their scripts are small (100,000 x 10 points at most), and a JVM that
 * lives for one drill spends more CPU on C2 compiles than C2's code saves it, CPU that the parallel
 * test lanes need: with C1-only workers HostFaultsIT took 227 CPU-s against 267-283, and its loops
 * ran faster too. What the drills check does not depend on the JIT: the kernels' plain twins, which
 * C1-only JVMs keep running, give the same bits as the vector loops (see
 * daphnegrid.kernels.Kernels), so outputs still compare byte for byte. The golden-case parity tests
 * (RealWorkerParityIT and the in-process tiers) run the launchers' defaults, vector loops included.
 */
public final class DrillJvm {
  /** For DAPHNE_WORKER_JVM_ARGS and DAPHNE_EXTRA_JVM_ARGS (the start-up caches stay in use). */
  public static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";

  private DrillJvm() {}
}

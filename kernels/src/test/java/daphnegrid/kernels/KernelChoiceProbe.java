package daphnegrid.kernels;

/**
 * Run by {@link KernelChoiceTest} in a JVM of its own: prints the name of the kernels that calls
 * get at each step of a scenario, one line per step.
 *
 * <p>{@code quiet}: a plain call, a product just below {@link Kernels#QUIET_BIG_WORK}, one of that
 * size, then a plain call again. {@code wait}: a plain call, then one after sleeping past the quiet
 * time given as the second argument (ms).
 */
public final class KernelChoiceProbe {
  private KernelChoiceProbe() {}

  public static void main(String[] args) throws InterruptedException {
    ProcessStart.mark();
    System.out.println("impl " + Kernels.impl().name());
    if (args[0].equals("quiet")) {
      System.out.println("below " + Kernels.implFor(Kernels.QUIET_BIG_WORK - 1).name());
      System.out.println("big " + Kernels.implFor(Kernels.QUIET_BIG_WORK).name());
    } else {
      Thread.sleep(Long.parseLong(args[1]) + 100);
    }
    System.out.println("impl " + Kernels.impl().name());
  }
}

package daphnegrid.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the kernels are chosen ({@link Kernels}, {@link ProcessStart}): the plain ones serve the
 * quiet time at start-up, a large product or the end of the quiet time makes the choice, and the
 * options that fix the kernels make it at once. In JVMs of their own, since this module's tests run
 * with no quiet time.
 */
class KernelChoiceTest {
  private static final String VECTOR = "--add-modules=jdk.incubator.vector";

  private static String[] lines(List<String> jvmOptions, String... args) throws Exception {
    ChildJvm.Run run = ChildJvm.run(KernelChoiceProbe.class, jvmOptions, args);
    assertEquals(0, run.exit(), run.toString());
    return run.out().split("\n");
  }

  @Test
  void inTheQuietTimeCallsGetThePlainKernelsUntilALargeProduct() throws Exception {
    String[] out = lines(List.of(VECTOR, "-Ddaphnegrid.kernels.quiet-ms=20000"), "quiet");
    assertEquals("impl plain", out[0]);
    assertEquals("below plain", out[1]);
    assertTrue(out[2].startsWith("big simd-"), out[2]);
    assertTrue(out[3].startsWith("impl simd-"), out[3]);
  }

  @Test
  void afterTheQuietTimeTheNextCallChooses() throws Exception {
    String[] out = lines(List.of(VECTOR, "-Ddaphnegrid.kernels.quiet-ms=300"), "wait", "300");
    assertEquals("impl plain", out[0]);
    assertTrue(out[1].startsWith("impl simd-") && out[1].endsWith("-gated"), out[1]);
  }

  @Test
  void withTheWarmUpOffTheVectorKernelsServeFromTheFirstCall() throws Exception {
    String[] out =
        lines(
            List.of(
                VECTOR,
                "-Ddaphnegrid.kernels.quiet-ms=20000",
                "-Ddaphnegrid.kernels.nowarmup=true"),
            "wait",
            "0");
    assertTrue(out[0].startsWith("impl simd-"), out[0]);
    assertFalse(out[0].endsWith("-gated"), out[0]);
  }

  @Test
  void theQuietTimeLastsFromTheStartForItsLength() {
    assertTrue(ProcessStart.quietAt(1_000, 1_000, 400));
    assertTrue(ProcessStart.quietAt(1_399, 1_000, 400));
    assertFalse(ProcessStart.quietAt(1_400, 1_000, 400));
    assertFalse(ProcessStart.quietAt(5_000, 1_000, 0), "no quiet time");
    assertFalse(ProcessStart.quiet(), "this module's tests run with no quiet time");
  }
}

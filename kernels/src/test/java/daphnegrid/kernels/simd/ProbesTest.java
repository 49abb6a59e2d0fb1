package daphnegrid.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/**
 * Every warm-up probe of the matrix kernels runs on its probe arrays without failing: a probe runs
 * on the warm-up thread, where an exception (a probe shaped past its arrays) would only leave its
 * loop on the plain twin for good.
 */
class ProbesTest {
  @Test
  void everyProbeRuns() {
    for (int path : new int[] {F64Gemm.NARROW, F64Gemm.DIRECT, F64Gemm.PACKED}) {
      assertDoesNotThrow(() -> F64Gemm.probe(path), "f64 path " + path);
    }
    for (int path : new int[] {F32Gemm.NARROW, F32Gemm.DIRECT, F32Gemm.PACKED}) {
      assertDoesNotThrow(() -> F32Gemm.probe(path), "f32 path " + path);
    }
    assertDoesNotThrow(F64Gemm::probeGemvTransposed);
    assertDoesNotThrow(F32Gemm::probeGemvTransposed);
    assertDoesNotThrow(F64CsrDense::probe);
    assertDoesNotThrow(F32CsrDense::probe);
    assertDoesNotThrow(NearestAssignVector::probe);
    assertDoesNotThrow(SkipZerosVector::probe);
  }
}

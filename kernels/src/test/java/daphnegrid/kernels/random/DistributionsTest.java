package daphnegrid.kernels.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class DistributionsTest {

  @Test
  void canonicalF64ForSeed7MatchesTheSpec() {
    Mt19937 g = new Mt19937(7);
    assertEquals(0.22733907496470684, Distributions.canonicalF64(g));
    assertEquals(0.31897222781086315, Distributions.canonicalF64(g));
    assertEquals(0.97822289621420422, Distributions.canonicalF64(g));
  }

  @Test
  void canonicalF64CombinesTwoDrawsWithOneRounding() {
    Mt19937 g = new Mt19937(99);
    Mt19937 same = new Mt19937(99);
    for (int i = 0; i < 10_000; i++) {
      BigInteger a = BigInteger.valueOf(same.next32());
      BigInteger b = BigInteger.valueOf(same.next32());
      double sum = new java.math.BigDecimal(a.add(b.shiftLeft(32))).doubleValue(); // nearest-even
      assertEquals(Math.scalb(sum, -64), Distributions.canonicalF64(g));
    }
  }

  @Test
  void canonicalF32ForSeed42MatchesTheSpec() {
    Mt19937 g = new Mt19937(42);
    assertEquals(0.37454012f, Distributions.canonicalF32(g));
    assertEquals(0.796543f, Distributions.canonicalF32(g));
    assertEquals(0.9507143f, Distributions.canonicalF32(g));
    assertEquals(0.18343478f, Distributions.canonicalF32(g));
  }

  @Test
  void downscalingIsLemiresMultiplyShift() {
    // without rejection, the result is floor(x * n / 2^32) for the drawn x
    for (long range : new long[] {0, 1, 9, 99, 1_000_000, 0xFFFFFFFEL}) {
      Mt19937 g = new Mt19937(range + 5);
      Mt19937 same = new Mt19937(range + 5);
      long n = range + 1;
      for (int i = 0; i < 5000; i++) {
        long x = same.next32();
        long low = (x * n) & 0xFFFFFFFFL;
        long threshold = (0x100000000L - n) % n;
        while (low < threshold) {
          x = same.next32();
          low = (x * n) & 0xFFFFFFFFL;
        }
        long expected =
            BigInteger.valueOf(x).multiply(BigInteger.valueOf(n)).shiftRight(32).longValueExact();
        assertEquals(expected, Distributions.uniformUnsigned(g, range));
      }
    }
  }

  @Test
  void fullThirtyTwoBitRangeIsOneDraw() {
    Mt19937 g = new Mt19937(8);
    Mt19937 same = new Mt19937(8);
    for (int i = 0; i < 100; i++) {
      assertEquals(same.next32(), Distributions.uniformUnsigned(g, 0xFFFFFFFFL));
    }
  }

  /** Upscaling, re-derived with BigInteger: high part drawn recursively, low part one draw. */
  @Test
  void upscalingMatchesItsDefinition() {
    long[] ranges = {0x100000000L, 0x1_0000_0001L, 1L << 40, Long.MAX_VALUE, -2L, -1L};
    for (long range : ranges) {
      Mt19937 g = new Mt19937(range);
      Mt19937 same = new Mt19937(range);
      BigInteger r = new BigInteger(Long.toUnsignedString(range));
      for (int i = 0; i < 3000; i++) {
        BigInteger v = referenceUpscale(same, r);
        long got = Distributions.uniformUnsigned(g, range);
        assertEquals(v, new BigInteger(Long.toUnsignedString(got)));
        assertTrue(v.compareTo(r) <= 0);
      }
    }
  }

  private static BigInteger referenceUpscale(Mt19937 g, BigInteger range) {
    BigInteger two32 = BigInteger.ONE.shiftLeft(32);
    BigInteger two64 = BigInteger.ONE.shiftLeft(64);
    while (true) {
      BigInteger high =
          BigInteger.valueOf(Distributions.uniformUnsigned(g, range.shiftRight(32).longValue()));
      BigInteger base = high.multiply(two32).mod(two64);
      BigInteger r = base.add(BigInteger.valueOf(g.next32())).mod(two64);
      if (r.compareTo(range) <= 0 && r.compareTo(base) >= 0) {
        return r;
      }
    }
  }

  @Test
  void signedRangesWrapAroundTheUnsignedDifference() {
    Mt19937 g = new Mt19937(1);
    for (int i = 0; i < 10_000; i++) {
      long v = Distributions.uniformInt(g, -3, 3);
      assertTrue(v >= -3 && v <= 3, "value " + v);
    }
    Mt19937 h = new Mt19937(1);
    for (int i = 0; i < 10_000; i++) {
      long v = Distributions.uniformInt(h, Long.MIN_VALUE, Long.MAX_VALUE);
      assertTrue(v >= Long.MIN_VALUE && v <= Long.MAX_VALUE);
    }
  }

  @Test
  void shuffleIsAPermutation() {
    for (int n : new int[] {0, 1, 2, 3, 10, 11, 65535, 65536, 70_001}) {
      long[] a = new long[n];
      for (int i = 0; i < n; i++) {
        a[i] = i;
      }
      Distributions.shuffle(a, n, new Mt19937(n));
      long[] sorted = a.clone();
      java.util.Arrays.sort(sorted);
      for (int i = 0; i < n; i++) {
        assertEquals(i, sorted[i]);
      }
    }
  }

  @Test
  void uniformRealScalesAndShifts() {
    Mt19937 g = new Mt19937(7);
    Mt19937 same = new Mt19937(7);
    double u = Distributions.canonicalF64(same);
    assertEquals(u * 10.0 + -5.0, Distributions.uniformF64(g, -5.0, 5.0));
    assertEquals(-2.72661, u * 10.0 - 5.0, 5e-6); // rand_range.daph, first cell
  }
}

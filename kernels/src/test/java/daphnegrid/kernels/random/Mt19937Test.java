package daphnegrid.kernels.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Mt19937Test {

  @Test
  void firstOutputsForSeed7MatchTheSpec() {
    Mt19937 g = new Mt19937(7);
    assertEquals(327741615L, g.next32());
    assertEquals(976413892L, g.next32());
  }

  /** The C++ standard requires the 10000th output of a default-seeded mt19937 to be 4123659995. */
  @Test
  void tenThousandthOutputOfDefaultSeedIsTheStandardsValue() {
    Mt19937 g = new Mt19937(5489);
    g.discard(9999);
    assertEquals(4123659995L, g.next32());
  }

  @Test
  void seedIsTakenModulo2To32() {
    assertSameStream(new Mt19937(-1), new Mt19937(0xFFFFFFFFL), 2000);
    assertSameStream(new Mt19937(7 + (5L << 32)), new Mt19937(7), 2000);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 5, 623, 624, 625, 1247, 1248, 1249, 19937, 100_003})
  void discardEqualsDrawing(long n) {
    for (int warmup : new int[] {0, 1, 300, 623, 624}) {
      Mt19937 skipped = new Mt19937(42);
      Mt19937 drawn = new Mt19937(42);
      skipped.discard(warmup);
      skipped.discard(n);
      for (long i = 0; i < warmup + n; i++) {
        drawn.nextInt();
      }
      assertSameStream(skipped, drawn, 1500);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 2, 396, 397, 623, 624, 625, 19936, 19937, 19938, 1_000_003})
  void jumpEqualsDrawing(long n) {
    for (int warmup : new int[] {0, 1, 623, 624, 1000}) {
      Mt19937 jumped = new Mt19937(2024);
      Mt19937 drawn = new Mt19937(2024);
      for (int i = 0; i < warmup; i++) {
        jumped.nextInt();
      }
      jumped.jump(n);
      for (long i = 0; i < warmup + n; i++) {
        drawn.nextInt();
      }
      assertSameStream(jumped, drawn, 1500);
    }
  }

  @Test
  void longDiscardUsesTheJumpAndMatchesDrawing() {
    long n = Mt19937.JUMP_THRESHOLD + 12_345;
    Mt19937 skipped = new Mt19937(11);
    skipped.nextInt();
    skipped.discard(n);
    Mt19937 drawn = new Mt19937(11);
    for (long i = 0; i <= n; i++) {
      drawn.nextInt();
    }
    assertSameStream(skipped, drawn, 2000);
  }

  @Test
  void jumpsCompose() {
    Mt19937 once = new Mt19937(3);
    once.jump(3_000_000_000L);
    Mt19937 twice = new Mt19937(3);
    twice.jump(1_000_000_000L);
    twice.jump(2_000_000_000L);
    assertSameStream(once, twice, 1000);
  }

  /** The tabulated phi is the one Berlekamp–Massey recovers from the generator's output. */
  @Test
  void tabulatedCharacteristicPolynomialIsTheRecoveredOne() {
    long[] recovered = Mt19937Jump.recover();
    long[] table = Mt19937Phi.coefficients();
    assertEquals(19937, Gf2Polynomials.degree(table));
    for (int w = 0; w < Math.max(recovered.length, table.length); w++) {
      long r = w < recovered.length ? recovered[w] : 0;
      long t = w < table.length ? table[w] : 0;
      assertEquals(r, t, "coefficient word " + w);
    }
  }

  /**
   * phi (the table) comes from bit 0 of seed 5489's stream; every output bit of every seed must
   * satisfy the same recurrence sum_j phi_j s[k + j] = 0.
   */
  @Test
  void characteristicPolynomialGovernsEveryOutputBit() {
    Gf2Polynomials.Modulus phi = Mt19937Jump.modulus();
    assertEquals(19937, phi.degree);
    long[] poly = phi.xPowMod(19937); // x^19937 mod phi = phi - x^19937
    Mt19937 g = new Mt19937(12345);
    int len = 19937 + 200;
    int[] out = new int[len];
    for (int k = 0; k < len; k++) {
      out[k] = g.nextInt();
    }
    for (int k = 0; k < 200; k++) {
      int acc = out[k + 19937]; // all 32 bit positions at once
      for (int j = 0; j < 19937; j++) {
        if (Gf2Polynomials.bit(poly, j)) {
          acc ^= out[k + j];
        }
      }
      assertEquals(0, acc, "recurrence at " + k);
    }
  }

  /**
   * The bulk fills give the bits, the count of outputs taken and the generator state of the loop of
   * single draws they replace: from even and odd positions in a block, over block boundaries, and
   * with ranges where many draws are zero and redrawn (a subnormal upper bound: half of the draws
   * round to 0).
   */
  @Test
  void bulkFillsEqualSingleDrawsWithZerosRedrawn() {
    double[][] f64Ranges = {{0.0, 1.0}, {-3.5, 2.25}, {0.0, Double.MIN_VALUE}, {1.0, 1.0}};
    float[][] f32Ranges = {{0.0f, 1.0f}, {-3.5f, 2.25f}, {0.0f, Float.MIN_VALUE}, {-1.0f, -1.0f}};
    for (int skip : new int[] {0, 1, 2, 622, 623, 624, 625, 1247}) {
      for (int len : new int[] {0, 1, 2, 311, 312, 313, 1000, 2500}) {
        for (double[] r : f64Ranges) {
          Mt19937 bulk = new Mt19937(11 + skip);
          Mt19937 single = new Mt19937(11 + skip);
          bulk.discard(skip);
          single.discard(skip);
          double[] got = new double[len + 2];
          double[] want = new double[len + 2];
          long taken = bulk.fillUniformF64(got, 1, len + 1, r[0], r[1]);
          long drawn = 0;
          for (int i = 1; i <= len; i++) {
            double v;
            do {
              v = Distributions.uniformF64(single, r[0], r[1]);
              drawn += 2;
            } while (v == 0);
            want[i] = v;
          }
          String at = "f64 skip " + skip + " len " + len + " range " + r[0] + ".." + r[1];
          for (int i = 0; i < want.length; i++) {
            assertEquals(
                Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), at);
          }
          assertEquals(drawn, taken, at);
          assertSameStream(bulk, single, 3);
        }
        for (float[] r : f32Ranges) {
          Mt19937 bulk = new Mt19937(13 + skip);
          Mt19937 single = new Mt19937(13 + skip);
          bulk.discard(skip);
          single.discard(skip);
          float[] got = new float[len + 2];
          float[] want = new float[len + 2];
          long taken = bulk.fillUniformF32(got, 1, len + 1, r[0], r[1]);
          long drawn = 0;
          for (int i = 1; i <= len; i++) {
            float v;
            do {
              v = Distributions.uniformF32(single, r[0], r[1]);
              drawn++;
            } while (v == 0);
            want[i] = v;
          }
          String at = "f32 skip " + skip + " len " + len + " range " + r[0] + ".." + r[1];
          for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), at);
          }
          assertEquals(drawn, taken, at);
          assertSameStream(bulk, single, 3);
        }
      }
    }
  }

  private static void assertSameStream(Mt19937 a, Mt19937 b, int count) {
    for (int i = 0; i < count; i++) {
      assertEquals(b.nextInt(), a.nextInt(), "output " + i);
    }
  }
}

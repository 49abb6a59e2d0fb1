package daphnegrid.kernels.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Gf2PolynomialsTest {

  /** s[k+4] = s[k+1] + s[k]: characteristic polynomial x^4 + x + 1 (bits 0, 1, 4). */
  @Test
  void berlekampMasseyFindsASmallRecurrence() {
    byte[] s = new byte[40];
    s[0] = 1;
    for (int k = 0; k + 4 < s.length; k++) {
      s[k + 4] = (byte) (s[k + 1] ^ s[k]);
    }
    assertArrayEquals(new long[] {0b10011}, Gf2Polynomials.minimalPolynomial(s));
  }

  @Test
  void berlekampMasseyOnAWideRecurrence() {
    // x^127 + x + 1 is primitive; its sequence needs words beyond the first
    byte[] s = new byte[300];
    s[5] = 1;
    for (int k = 0; k + 127 < s.length; k++) {
      s[k + 127] = (byte) (s[k + 1] ^ s[k]);
    }
    long[] phi = Gf2Polynomials.minimalPolynomial(s);
    assertEquals(127, Gf2Polynomials.degree(phi));
    assertArrayEquals(new long[] {0b11, 1L << 63}, phi);
  }

  @Test
  void powersOfXModuloAPrimitivePolynomialCycle() {
    Gf2Polynomials.Modulus m = new Gf2Polynomials.Modulus(new long[] {0b10011}); // x^4 + x + 1
    assertArrayEquals(new long[] {1}, m.xPowMod(0));
    assertArrayEquals(new long[] {1}, m.xPowMod(15)); // the multiplicative order of x is 15
    assertArrayEquals(new long[] {0b0011}, m.xPowMod(4)); // x^4 = x + 1
    assertArrayEquals(new long[] {0b0110}, m.xPowMod(5));
    assertArrayEquals(m.xPowMod(7), m.xPowMod(15L * 1_000_000_007L + 7));
  }

  @Test
  void powersOfXAgreeWithRepeatedMultiplication() {
    long[] poly = {0b11, 1L << 63}; // x^127 + x + 1
    Gf2Polynomials.Modulus m = new Gf2Polynomials.Modulus(poly);
    long[] r = new long[m.words];
    r[0] = 1;
    for (int n = 0; n < 1000; n++) {
      assertArrayEquals(r, m.xPowMod(n), "x^" + n);
      m.mulXMod(r);
    }
  }
}

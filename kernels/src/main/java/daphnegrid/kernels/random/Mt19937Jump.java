package daphnegrid.kernels.random;

import static daphnegrid.kernels.random.Mt19937.LOWER_MASK;
import static daphnegrid.kernels.random.Mt19937.M;
import static daphnegrid.kernels.random.Mt19937.MATRIX_A;
import static daphnegrid.kernels.random.Mt19937.N;
import static daphnegrid.kernels.random.Mt19937.UPPER_MASK;

/**
 * Jump-ahead for MT19937 by polynomial arithmetic over GF(2) (after Haramoto, Matsumoto, Nishimura,
 * Panneton and L'Ecuyer, "Efficient jump ahead for F2-linear random number generators", 2008).
 *
 * <p>Let T be one step of the generator on its window of the 624 most recent words (drop the oldest
 * word, append {@code x[k+624] = x[k+397] ^ twist(x[k], x[k+1])}). T is linear over GF(2); on the
 * 19937 bits that matter (the low 31 bits of the oldest word never influence the future) its
 * characteristic polynomial phi has degree 19937. Then {@code T^n = p(T)} on those bits with {@code
 * p = x^n mod phi}, and {@code p(T) s} is evaluated by Horner's rule with 19937 steps of T and an
 * XOR of s per non-zero coefficient. The dead bits of the result may differ from sequential
 * stepping; the outputs never do.
 *
 * <p>phi is tabulated ({@link Mt19937Phi}); {@link #recover} finds it again by Berlekamp–Massey
 * from 2 * 19937 output bits, for the tests. A jump costs one squaring modulo phi per bit of n
 * beyond the 14 leading ones (about a millisecond each) plus the Horner pass: 15 to 60 ms, where
 * stepping costs about 2.5 ns per output.
 */
final class Mt19937Jump {
  private Mt19937Jump() {}

  static final int DEGREE = 19937;

  private static final class Phi {
    static final Gf2Polynomials.Modulus MODULUS =
        new Gf2Polynomials.Modulus(Mt19937Phi.coefficients());
  }

  /**
   * phi recovered from the generator: the minimal polynomial of bit 0 of seed 5489's outputs, by
   * Berlekamp–Massey (what {@link Mt19937Phi} tabulates).
   */
  static long[] recover() {
    Mt19937 g = new Mt19937(5489);
    byte[] seq = new byte[2 * DEGREE];
    for (int k = 0; k < seq.length; k++) {
      seq[k] = (byte) (g.nextInt() & 1);
    }
    long[] phi = Gf2Polynomials.minimalPolynomial(seq);
    if (Gf2Polynomials.degree(phi) != DEGREE) {
      throw new IllegalStateException("MT19937 recurrence of unexpected degree " + phi.length);
    }
    return phi;
  }

  /** The characteristic polynomial of the MT19937 step (degree 19937). */
  static Gf2Polynomials.Modulus modulus() {
    return Phi.MODULUS;
  }

  /**
   * Advances a window of the 624 most recent words (window[0] oldest) by n steps, in place.
   *
   * @param n number of steps, n >= 0
   */
  static void advance(int[] window, long n) {
    long[] p = Phi.MODULUS.xPowMod(n);
    int[] acc = new int[N];
    int start = 0; // acc's window begins at acc[start]
    for (int i = Gf2Polynomials.degree(p); i >= 0; i--) {
      int next = start + 1 == N ? 0 : start + 1;
      int far = start + M < N ? start + M : start + M - N;
      int y = (acc[start] & UPPER_MASK) | (acc[next] & LOWER_MASK);
      acc[start] = acc[far] ^ (y >>> 1) ^ ((y & 1) * MATRIX_A);
      start = next;
      if (Gf2Polynomials.bit(p, i)) {
        xorRotated(acc, start, window);
      }
    }
    for (int j = 0; j < N; j++) {
      int k = start + j;
      window[j] = acc[k < N ? k : k - N];
    }
  }

  /** acc[(start + j) mod N] ^= s[j] for all j. */
  private static void xorRotated(int[] acc, int start, int[] s) {
    int split = N - start;
    for (int j = 0; j < split; j++) {
      acc[start + j] ^= s[j];
    }
    for (int j = split; j < N; j++) {
      acc[j - split] ^= s[j];
    }
  }
}

package daphnegrid.kernels.random;

/**
 * Polynomials over GF(2) packed into {@code long[]} (bit i of word i / 64 holds the coefficient of
 * x^i), with the few operations the Mersenne Twister jump needs: Berlekamp–Massey, squaring and
 * multiplication by x modulo a fixed polynomial.
 */
final class Gf2Polynomials {
  private Gf2Polynomials() {}

  static boolean bit(long[] p, int i) {
    return (p[i >>> 6] & (1L << i)) != 0;
  }

  static void setBit(long[] p, int i) {
    p[i >>> 6] |= 1L << i;
  }

  /** The index of the highest set bit, or -1 for the zero polynomial. */
  static int degree(long[] p) {
    for (int w = p.length - 1; w >= 0; w--) {
      if (p[w] != 0) {
        return w * 64 + 63 - Long.numberOfLeadingZeros(p[w]);
      }
    }
    return -1;
  }

  /**
   * The shortest linear recurrence of a bit sequence, as its characteristic polynomial {@code x^L +
   * c1 x^(L-1) + ... + cL} (so that {@code s[k+L] = c1 s[k+L-1] + ... + cL s[k]}), computed by
   * Berlekamp–Massey. For a sequence of 2L bits from a linear generator with an irreducible
   * characteristic polynomial of degree L this is that polynomial.
   *
   * @param seq the sequence, seq[k] in {0, 1}
   */
  static long[] minimalPolynomial(byte[] seq) {
    int len = seq.length;
    int words = (len >>> 6) + 3;
    long[] rev = new long[words + 1]; // rev bit j = seq[len - 1 - j]: windows become contiguous
    for (int k = 0; k < len; k++) {
      if (seq[k] != 0) {
        setBit(rev, len - 1 - k);
      }
    }
    long[] c = new long[words];
    long[] b = new long[words];
    c[0] = 1;
    b[0] = 1;
    int l = 0;
    int m = 1;
    for (int n = 0; n < len; n++) {
      // discrepancy: sum over i <= l of c_i * seq[n - i] = c_i * rev[len - 1 - n + i]
      int off = len - 1 - n;
      long acc = 0;
      for (int w = 0; w <= (l >>> 6); w++) {
        acc ^= c[w] & bits64(rev, off + 64 * w);
      }
      if ((Long.bitCount(acc) & 1) == 0) {
        m++;
      } else if (2 * l <= n) {
        long[] t = c.clone();
        xorShifted(c, b, m);
        l = n + 1 - l;
        b = t;
        m = 1;
      } else {
        xorShifted(c, b, m);
        m++;
      }
    }
    long[] phi = new long[(l >>> 6) + 1];
    for (int j = 0; j <= l; j++) {
      if (bit(c, l - j)) {
        setBit(phi, j);
      }
    }
    return phi;
  }

  /** 64 bits of p starting at bit pos (bits past the array read as 0 only within one word). */
  private static long bits64(long[] p, int pos) {
    int w = pos >>> 6;
    int s = pos & 63;
    return s == 0 ? p[w] : (p[w] >>> s) | (p[w + 1] << (64 - s));
  }

  /** c ^= b * x^shift, dropping bits beyond c's capacity (they are zero in exact arithmetic). */
  private static void xorShifted(long[] c, long[] b, int shift) {
    int ws = shift >>> 6;
    int s = shift & 63;
    for (int w = c.length - 1; w >= ws; w--) {
      long lo = b[w - ws];
      long v = s == 0 ? lo : (lo << s) | (w - ws > 0 ? b[w - ws - 1] >>> (64 - s) : 0);
      c[w] ^= v;
    }
  }

  /** Arithmetic modulo one polynomial phi of degree d. */
  static final class Modulus {
    final int degree;
    final int words;
    private final long[] phi;
    private final long[][] shifted; // shifted[k] = phi * x^k, k = 0..63

    Modulus(long[] phi) {
      this.degree = degree(phi);
      this.words = (degree >>> 6) + 1; // polynomials of degree < d fit
      this.phi = java.util.Arrays.copyOf(phi, words);
      this.shifted = new long[64][words + 1];
      for (int k = 0; k < 64; k++) {
        for (int w = 0; w <= words; w++) {
          long lo = w < words ? this.phi[w] : 0;
          long below = w > 0 ? this.phi[w - 1] : 0;
          shifted[k][w] = k == 0 ? lo : (lo << k) | (below >>> (64 - k));
        }
      }
    }

    /** a^2 mod phi, for a of degree < d. */
    long[] squareMod(long[] a) {
      long[] sq = new long[2 * words + 1];
      for (int w = 0; w < words; w++) {
        sq[2 * w] = spread((int) a[w]);
        sq[2 * w + 1] = spread((int) (a[w] >>> 32));
      }
      return reduce(sq);
    }

    /** a * x mod phi, in place, for a of degree < d. */
    void mulXMod(long[] a) {
      for (int w = words - 1; w > 0; w--) {
        a[w] = (a[w] << 1) | (a[w - 1] >>> 63);
      }
      a[0] <<= 1;
      if (bit(a, degree)) {
        for (int w = 0; w < words; w++) {
          a[w] ^= phi[w];
        }
      }
    }

    /** x^n mod phi. */
    long[] xPowMod(long n) {
      long[] r = new long[words];
      int top = 63 - Long.numberOfLeadingZeros(n);
      // the leading bits of n form an exponent below d: start from that power of x directly
      long head = 0;
      while (top >= 0 && ((head << 1) | ((n >>> top) & 1)) < degree) {
        head = (head << 1) | ((n >>> top) & 1);
        top--;
      }
      setBit(r, (int) head);
      for (; top >= 0; top--) {
        r = squareMod(r);
        if (((n >>> top) & 1) != 0) {
          mulXMod(r);
        }
      }
      return r;
    }

    /** p mod phi for p of degree < 2d (p is overwritten). */
    private long[] reduce(long[] p) {
      for (int i = 2 * degree - 2; i >= degree; i--) {
        if (bit(p, i)) {
          int shift = i - degree;
          long[] s = shifted[shift & 63];
          int ws = shift >>> 6;
          for (int w = 0; w <= words; w++) {
            p[ws + w] ^= s[w];
          }
        }
      }
      return java.util.Arrays.copyOf(p, words);
    }

    /** The 32 bits of x spread to the even bit positions of a long (squaring over GF(2)). */
    private static long spread(int x) {
      long v = x & 0xFFFFFFFFL;
      v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
      v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
      v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
      v = (v | (v << 2)) & 0x3333333333333333L;
      return (v | (v << 1)) & 0x5555555555555555L;
    }
  }
}

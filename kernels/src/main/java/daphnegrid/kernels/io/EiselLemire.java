package daphnegrid.kernels.io;

import java.math.BigInteger;

/**
 * Correctly rounded decimal-to-double conversion of {@code w * 10^q} for a 64-bit w, by the
 * Eisel–Lemire method (D. Lemire, "Number Parsing at a Gigabyte per Second", 2021): multiply the
 * normalised w by a 128-bit truncation of 5^q and read the 53 significant bits off the product. It
 * answers almost every input; the rare products too close to a rounding boundary to decide, and
 * subnormal results, are left to the caller's exact parser.
 */
final class EiselLemire {
  private EiselLemire() {}

  static final int MIN_Q = -342;
  static final int MAX_Q = 308;
  static final long UNDECIDED = -1;

  private static final long INFINITY_BITS = 0x7ff0000000000000L;

  /** POW5_HI/LO[q - MIN_Q]: 5^q scaled by a power of two into [2^127, 2^128), as 128 bits. */
  private static final long[] POW5_HI = new long[MAX_Q - MIN_Q + 1];

  private static final long[] POW5_LO = new long[MAX_Q - MIN_Q + 1];

  static {
    BigInteger five = BigInteger.valueOf(5);
    for (int q = MIN_Q; q <= MAX_Q; q++) {
      BigInteger c;
      if (q >= 0) {
        c = five.pow(q);
        int bits = c.bitLength();
        c = bits < 128 ? c.shiftLeft(128 - bits) : c.shiftRight(bits - 128); // truncated
      } else {
        BigInteger p = five.pow(-q);
        int z = p.bitLength(); // 2^(z-1) < 5^-q < 2^z
        if (q >= -27) {
          c = BigInteger.ONE.shiftLeft(z + 127).divide(p).add(BigInteger.ONE);
        } else {
          c = BigInteger.ONE.shiftLeft(2 * z + 128).divide(p).add(BigInteger.ONE);
          c = c.shiftRight(Math.max(0, c.bitLength() - 128));
        }
      }
      POW5_HI[q - MIN_Q] = c.shiftRight(64).longValue();
      POW5_LO[q - MIN_Q] = c.longValue();
    }
  }

  /**
   * The bits of the double nearest to w * 10^q (w read as unsigned, w > 0), or {@link #UNDECIDED}.
   */
  static long toDoubleBits(long w, int q) {
    if (q < MIN_Q) {
      return 0; // below half the smallest subnormal
    }
    if (q > MAX_Q) {
      return INFINITY_BITS;
    }
    int lz = Long.numberOfLeadingZeros(w);
    w <<= lz;
    int i = q - MIN_Q;
    long hi = unsignedMultiplyHigh(w, POW5_HI[i]);
    long lo = w * POW5_HI[i];
    if ((hi & 0x1FF) == 0x1FF) {
      // the bits below the 55 we need are all ones: add the next 64 bits of 5^q's expansion
      long carry = unsignedMultiplyHigh(w, POW5_LO[i]);
      long sum = lo + carry;
      if (Long.compareUnsigned(carry, sum) > 0) {
        hi++;
      }
      lo = sum;
      if (lo == -1L && (q < -27 || q > 55)) {
        return UNDECIDED;
      }
    }
    int upper = (int) (hi >>> 63);
    int shift = upper + 9;
    long mant = hi >>> shift;
    int power2 = (int) (((152170L + 65536L) * q) >> 16) + 63 + upper - lz + 1023;
    if (power2 <= 0) {
      return UNDECIDED; // subnormal
    }
    if (Long.compareUnsigned(lo, 1) <= 0
        && q >= -4
        && q <= 23
        && (mant & 3) == 1
        && (mant << shift) == hi) {
      mant &= ~1L; // exactly halfway and already even: do not round up
    }
    mant += mant & 1;
    mant >>>= 1;
    if (mant >= (2L << 52)) {
      mant = 1L << 52;
      power2++;
    }
    mant &= ~(1L << 52);
    if (power2 >= 0x7ff) {
      return INFINITY_BITS;
    }
    return mant | ((long) power2 << 52);
  }

  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }
}

package daphnegrid.kernels.frame;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A str column stored compactly: the UTF-8 bytes of all values back to back, and n + 1 offsets
 * (value i is bytes {@code [offsets[i], offsets[i + 1])}). Equality, hashing and ordering work on
 * the bytes, without making String objects; UTF-8 byte order equals code point order, which is
 * DAPHNE's ({@code std::string} compares bytes).
 */
public final class StringColumn implements Column {
  private final byte[] bytes;
  private final int[] offsets;

  private StringColumn(byte[] bytes, int[] offsets) {
    this.bytes = bytes;
    this.offsets = offsets;
  }

  /** Wraps bytes and offsets (length n + 1, non-decreasing, first 0) that nobody else writes. */
  public static StringColumn wrap(byte[] bytes, int[] offsets) {
    if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] > bytes.length) {
      throw new IllegalArgumentException("bad string column offsets");
    }
    return new StringColumn(bytes, offsets);
  }

  /**
   * The values of parts, one column after the other, in one byte array and one offset array.
   *
   * @throws daphnegrid.kernels.KernelException if they hold more than 2 GB of text
   */
  public static StringColumn concat(java.util.List<StringColumn> parts) {
    int k = parts.size();
    byte[][] bytes = new byte[k][];
    int[][] offsets = new int[k][];
    int[] counts = new int[k];
    for (int i = 0; i < k; i++) {
      StringColumn s = parts.get(i);
      bytes[i] = s.bytes;
      offsets[i] = s.offsets;
      counts[i] = s.size();
    }
    return concat(bytes, offsets, counts);
  }

  /** Part i: the first counts[i] values of bytes[i] and offsets[i] (offsets[i][0] is 0). */
  private static StringColumn concat(byte[][] bytes, int[][] offsets, int[] counts) {
    int n = 0;
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      n += counts[i];
      total += offsets[i][counts[i]];
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new daphnegrid.kernels.KernelException(
          "a string column cannot hold more than 2 GB of text");
    }
    byte[] all = new byte[(int) total];
    int[] off = new int[n + 1];
    int at = 0;
    int row = 0;
    for (int p = 0; p < counts.length; p++) {
      int[] o = offsets[p];
      int m = counts[p];
      System.arraycopy(bytes[p], 0, all, at, o[m]);
      for (int i = 1; i <= m; i++) {
        off[row + i] = at + o[i];
      }
      at += o[m];
      row += m;
    }
    return new StringColumn(all, off);
  }

  /** The first n values of an array of strings. */
  public static StringColumn of(String[] values, int n) {
    Builder b = new Builder(n);
    for (int i = 0; i < n; i++) {
      b.add(values[i]);
    }
    return b.build();
  }

  @Override
  public ValueType type() {
    return ValueType.STR;
  }

  @Override
  public int size() {
    return offsets.length - 1;
  }

  /** Value i as a Java string. */
  public String string(int i) {
    return new String(bytes, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
  }

  @Override
  public Scalar get(int i) {
    return Scalar.str(string(i));
  }

  /** The backing UTF-8 bytes (read only). */
  public byte[] bytes() {
    return bytes;
  }

  /** The n + 1 offsets into {@link #bytes()} (read only). */
  public int[] offsets() {
    return offsets;
  }

  /** Whether value i here equals value j of other, byte for byte. */
  public boolean equalsAt(int i, StringColumn other, int j) {
    return Arrays.equals(
        bytes, offsets[i], offsets[i + 1], other.bytes, other.offsets[j], other.offsets[j + 1]);
  }

  /** Unsigned byte order of value i here against value j of other (negative: i first). */
  public int compareAt(int i, StringColumn other, int j) {
    return Arrays.compareUnsigned(
        bytes, offsets[i], offsets[i + 1], other.bytes, other.offsets[j], other.offsets[j + 1]);
  }

  /** A hash of value i's bytes, equal for equal values in any string column. */
  public int hashAt(int i) {
    int h = 1;
    for (int k = offsets[i], end = offsets[i + 1]; k < end; k++) {
      h = 31 * h + bytes[k];
    }
    return h;
  }

  @Override
  public Column slice(int from, int to) {
    int base = offsets[from];
    int[] off = new int[to - from + 1];
    for (int i = 0; i <= to - from; i++) {
      off[i] = offsets[from + i] - base;
    }
    return new StringColumn(Arrays.copyOfRange(bytes, base, offsets[to]), off);
  }

  @Override
  public Column gather(int[] positions) {
    long total = 0;
    for (int p : positions) {
      total += offsets[p + 1] - offsets[p];
    }
    byte[] out = new byte[checkedLength(total)];
    int[] off = new int[positions.length + 1];
    int at = 0;
    for (int i = 0; i < positions.length; i++) {
      int p = positions[i];
      int len = offsets[p + 1] - offsets[p];
      System.arraycopy(bytes, offsets[p], out, at, len);
      at += len;
      off[i + 1] = at;
    }
    return new StringColumn(out, off);
  }

  @Override
  public DenseMatrix toMatrix() {
    int n = size();
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      s[i] = string(i);
    }
    return DenseMatrix.wrap(ValueType.STR, n, 1, s);
  }

  @Override
  public long dataBytes() {
    return (long) offsets[offsets.length - 1] + 4L * offsets.length;
  }

  private static int checkedLength(long n) {
    if (n > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("a string column cannot hold more than 2 GB of text");
    }
    return (int) n;
  }

  /** Appends values one by one; the arrays grow by half when full. */
  public static final class Builder {
    private byte[] bytes;
    private int[] offsets;
    private int n;

    public Builder(int expectedRows) {
      offsets = new int[Math.max(expectedRows, 4) + 1];
      bytes = new byte[Math.max(expectedRows, 4) * 8];
    }

    public Builder add(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return add(b, 0, b.length);
    }

    /** Appends the UTF-8 bytes src[from, to). */
    public Builder add(byte[] src, int from, int to) {
      int len = to - from;
      int end = offsets[n] + len;
      if (end > bytes.length || end < 0) {
        bytes =
            Arrays.copyOf(bytes, checkedLength(Math.max(end, bytes.length + (bytes.length >> 1))));
      }
      System.arraycopy(src, from, bytes, offsets[n], len);
      if (n + 1 == offsets.length - 1) {
        offsets = Arrays.copyOf(offsets, offsets.length + (offsets.length >> 1) + 1);
      }
      offsets[++n] = end;
      return this;
    }

    public int size() {
      return n;
    }

    /**
     * The values of parts, one builder after the other, in one byte array and one offset array:
     * like {@link StringColumn#concat} of the parts built, without making each part's trimmed copy
     * first. The builders are left as they were.
     */
    public static StringColumn joined(java.util.List<Builder> parts) {
      int k = parts.size();
      byte[][] bytes = new byte[k][];
      int[][] offsets = new int[k][];
      int[] counts = new int[k];
      for (int i = 0; i < k; i++) {
        Builder b = parts.get(i);
        bytes[i] = b.bytes;
        offsets[i] = b.offsets;
        counts[i] = b.n;
      }
      return concat(bytes, offsets, counts);
    }

    /** The column of the values added so far, trimmed to size. */
    public StringColumn build() {
      return new StringColumn(Arrays.copyOf(bytes, offsets[n]), Arrays.copyOf(offsets, n + 1));
    }
  }
}

package daphnegrid.config.serial;

import com.hazelcast.core.HazelcastInstance;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed integrity for the grid's blocks: with a shared secret ({@link
 * daphnegrid.config.GridSecret}) every block (dense, CSR and frame row blocks) carries a seal, an
 * HMAC-SHA256 over its identity (map name, key, row offset, shape, value type) and its cells, which
 * the coordinator and the members check whenever they read a block. Hazelcast Community Edition has
 * no authentication: anyone who reaches a member's port can overwrite, copy or remove blocks, but
 * without the secret cannot make a seal that matches, so a run reading a changed block fails (exit
 * 3) instead of printing a wrong result. See docs/security.md for what this does and does not
 * protect.
 *
 * <p>Members also compute blocks (programs, generators, products, transposes). So that a stranger
 * cannot make a member seal blocks of its choosing into a run's map, a task names its output
 * matrices with a <em>warrant</em>: an HMAC of the output's identity, which only a holder of the
 * secret can make, checked before the member seals a block for that output.
 *
 * <p>Two keys are derived from the secret (HMAC of fixed labels), one for seals and one for
 * warrants, so a seal can never pass as a warrant. Without a secret the seal is inactive: blocks
 * are neither sealed nor checked. Thread-safe (one {@link Mac} per thread).
 */
public final class BlockSeal {
  /** Where a member's or client's seal is kept in the instance's user context. */
  public static final String CONTEXT_KEY = "daphnegrid.blockSeal";

  /** Bytes of a seal (HMAC-SHA256). */
  public static final int BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final int CHUNK = 64 << 10;
  private static final BlockSeal NONE = new BlockSeal(null, null);

  private final SecretKeySpec sealKey;
  private final SecretKeySpec warrantKey;
  private final ThreadLocal<Mac> sealMacs;
  private final ThreadLocal<Mac> warrantMacs;
  private final ThreadLocal<ByteBuffer> scratch =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN));

  private BlockSeal(SecretKeySpec sealKey, SecretKeySpec warrantKey) {
    this.sealKey = sealKey;
    this.warrantKey = warrantKey;
    this.sealMacs = ThreadLocal.withInitial(() -> mac(sealKey));
    this.warrantMacs = ThreadLocal.withInitial(() -> mac(warrantKey));
  }

  /** No secret: nothing is sealed or checked. */
  public static BlockSeal none() {
    return NONE;
  }

  /** The seal for a shared secret. */
  public static BlockSeal of(byte[] secret) {
    SecretKeySpec root = new SecretKeySpec(secret, ALGORITHM);
    return new BlockSeal(derive(root, "daphne-grid block seal v1"), derive(root, "warrant v1"));
  }

  /** A seal with a random secret, for a grid whose members and client share one process. */
  public static BlockSeal random() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return of(secret);
  }

  /** The seal of instance hz (member or client): the one {@link #install}ed, else none. */
  public static BlockSeal of(HazelcastInstance hz) {
    return hz.getUserContext().get(CONTEXT_KEY) instanceof BlockSeal s ? s : NONE;
  }

  /** Puts this seal into an instance's user context (a member's before it starts). */
  public void install(Map<String, Object> userContext) {
    userContext.put(CONTEXT_KEY, this);
  }

  /** True if blocks are sealed and checked (a secret is set). */
  public boolean active() {
    return sealKey != null;
  }

  /** block with its seal for (map, key), or block itself when inactive. */
  public DenseBlock seal(String map, BlockKey key, DenseBlock block) {
    return active() ? block.withSeal(compute(map, key, block)) : block;
  }

  /**
   * Returns block if its seal matches its identity and cells (or the seal is inactive).
   *
   * @throws BlockSealException if it does not, or the block has no seal
   */
  public DenseBlock check(String map, BlockKey key, DenseBlock block) {
    if (!active()) {
      return block;
    }
    if (block.seal() == null) {
      throw new BlockSealException(
          describe(map, key)
              + " carries no seal: it was written by a client or worker without the grid secret"
              + " (tampering, or a coordinator and workers that do not share DAPHNE_GRID_SECRET)");
    }
    if (!MessageDigest.isEqual(block.seal(), compute(map, key, block))) {
      throw new BlockSealException(
          describe(map, key)
              + " fails its seal check: its cells or identity were changed by someone without the"
              + " grid secret (tampering), or it was written with another secret");
    }
    return block;
  }

  /** block with its seal for (map, key), or block itself when inactive. */
  public FrameBlock seal(String map, BlockKey key, FrameBlock block) {
    return active() ? block.withSeal(compute(map, key, block)) : block;
  }

  /**
   * Returns block if its seal matches its identity, labels, types and column bytes (or the seal is
   * inactive).
   *
   * @throws BlockSealException if it does not, or the block has no seal
   */
  public FrameBlock check(String map, BlockKey key, FrameBlock block) {
    if (!active()) {
      return block;
    }
    String what =
        "grid: row block " + key.blockRow() + " of frame " + key.matrixId() + " in map " + map;
    if (block.seal() == null) {
      throw new BlockSealException(
          what
              + " carries no seal: it was written by a client or worker without the grid secret"
              + " (tampering, or a coordinator and workers that do not share DAPHNE_GRID_SECRET)");
    }
    if (!MessageDigest.isEqual(block.seal(), compute(map, key, block))) {
      throw new BlockSealException(
          what
              + " fails its seal check: its values or identity were changed by someone without the"
              + " grid secret (tampering), or it was written with another secret");
    }
    return block;
  }

  /** The HMAC of (map, key) and the block as {@link FrameBlockSerializer} writes it unsealed. */
  private byte[] compute(String map, BlockKey key, FrameBlock block) {
    byte[] bytes;
    try {
      bytes = new FrameBlockSerializer().write(new FrameBlock(block.rowOffset(), block.frame()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a frame block too large to seal: " + e.getMessage(), e);
    }
    Mac mac = sealMacs.get();
    byte[] name = map.getBytes(StandardCharsets.UTF_8);
    ByteBuffer head = ByteBuffer.allocate(4 + name.length + 16).order(ByteOrder.LITTLE_ENDIAN);
    head.putInt(name.length).put(name);
    head.putLong(key.matrixId()).putInt(key.blockRow()).putInt(key.blockCol());
    mac.update(head.array(), 0, head.position());
    mac.update(bytes);
    return mac.doFinal();
  }

  /** block with its seal for (map, key), or block itself when inactive. */
  public CsrBlock seal(String map, BlockKey key, CsrBlock block) {
    return active() ? block.withSeal(compute(map, key, block)) : block;
  }

  /**
   * Returns block if its seal matches its identity, shape, pattern and values (or the seal is
   * inactive).
   *
   * @throws BlockSealException if it does not, or the block has no seal
   */
  public CsrBlock check(String map, BlockKey key, CsrBlock block) {
    if (!active()) {
      return block;
    }
    String what =
        "grid: CSR row block " + key.blockRow() + " of matrix " + key.matrixId() + " in map " + map;
    if (block.seal() == null) {
      throw new BlockSealException(
          what
              + " carries no seal: it was written by a client or worker without the grid secret"
              + " (tampering, or a coordinator and workers that do not share DAPHNE_GRID_SECRET)");
    }
    if (!MessageDigest.isEqual(block.seal(), compute(map, key, block))) {
      throw new BlockSealException(
          what
              + " fails its seal check: its cells or identity were changed by someone without the"
              + " grid secret (tampering), or it was written with another secret");
    }
    return block;
  }

  /**
   * The HMAC of (map, key) and the block as {@link CsrBlockSerializer} writes it unsealed: its
   * header (shape, value type, non-zeros, row offset), row offsets, column indices and values,
   * streamed through the scratch buffer without a copy of the block.
   */
  private byte[] compute(String map, BlockKey key, CsrBlock block) {
    Mac mac = sealMacs.get();
    ByteBuffer buf = scratch.get();
    CsrMatrix m = block.matrix();
    byte[] name = map.getBytes(StandardCharsets.UTF_8);
    buf.clear();
    buf.putInt(name.length).put(name);
    buf.putLong(key.matrixId()).putInt(key.blockRow()).putInt(key.blockCol());
    CsrBlockSerializer.putHeader(buf, block.rowOffset(), m, 0);
    mac.update(buf.array(), 0, buf.position());
    updateInts(mac, buf, m.rowOffsets(), m.rows() + 1);
    updateInts(mac, buf, m.colIdxs(), m.nnz());
    updateCells(mac, buf, m.values(), m.nnz());
    return mac.doFinal();
  }

  /** The warrant for writing blocks of the matrix with this identity, or an empty one. */
  public byte[] warrant(String identity) {
    if (!active()) {
      return new byte[0];
    }
    return warrantMacs.get().doFinal(identity.getBytes(StandardCharsets.UTF_8));
  }

  /** True if warrant was made for identity with this secret (always, when inactive). */
  public boolean warrantValid(String identity, byte[] warrant) {
    return !active() || MessageDigest.isEqual(warrant, warrant(identity));
  }

  private static String describe(String map, BlockKey key) {
    return "grid: block ("
        + key.blockRow()
        + ", "
        + key.blockCol()
        + ") of matrix "
        + key.matrixId()
        + " in map "
        + map;
  }

  private byte[] compute(String map, BlockKey key, DenseBlock block) {
    Mac mac = sealMacs.get();
    ByteBuffer buf = scratch.get();
    DenseMatrix m = block.matrix();
    byte[] name = map.getBytes(StandardCharsets.UTF_8);
    byte[] type = m.type().name().getBytes(StandardCharsets.UTF_8);
    buf.clear();
    buf.putInt(name.length).put(name);
    buf.putLong(key.matrixId()).putInt(key.blockRow()).putInt(key.blockCol());
    buf.putLong(block.rowOffset());
    buf.putInt(type.length).put(type);
    buf.putInt(m.rows()).putInt(m.cols());
    mac.update(buf.array(), 0, buf.position());
    updateCells(mac, buf, m, m.size());
    return mac.doFinal();
  }

  /**
   * Feeds the first n cells of m to mac as the serializers write them: little-endian numbers, one
   * 64 KiB chunk of buf at a time; for str, each cell's length (-1 for null) and UTF-8 bytes.
   */
  private static void updateCells(Mac mac, ByteBuffer buf, DenseMatrix m, int n) {
    switch (m.type().storage()) {
      case DOUBLE -> {
        double[] a = m.f64();
        for (int i = 0; i < n; i += CHUNK / 8) {
          int len = Math.min(CHUNK / 8, n - i);
          buf.clear();
          buf.asDoubleBuffer().put(a, i, len);
          mac.update(buf.array(), 0, len * 8);
        }
      }
      case FLOAT -> {
        float[] a = m.f32();
        for (int i = 0; i < n; i += CHUNK / 4) {
          int len = Math.min(CHUNK / 4, n - i);
          buf.clear();
          buf.asFloatBuffer().put(a, i, len);
          mac.update(buf.array(), 0, len * 4);
        }
      }
      case LONG -> {
        long[] a = m.i64();
        for (int i = 0; i < n; i += CHUNK / 8) {
          int len = Math.min(CHUNK / 8, n - i);
          buf.clear();
          buf.asLongBuffer().put(a, i, len);
          mac.update(buf.array(), 0, len * 8);
        }
      }
      case INT -> updateInts(mac, buf, m.i32(), n);
      case BYTE -> mac.update(m.i8(), 0, n);
      case STRING -> {
        String[] a = m.str();
        byte[] len = new byte[4];
        for (int i = 0; i < n; i++) {
          byte[] s = a[i] == null ? null : a[i].getBytes(StandardCharsets.UTF_8);
          int l = s == null ? -1 : s.length;
          len[0] = (byte) l;
          len[1] = (byte) (l >> 8);
          len[2] = (byte) (l >> 16);
          len[3] = (byte) (l >> 24);
          mac.update(len);
          if (s != null) {
            mac.update(s);
          }
        }
      }
    }
  }

  /** Feeds the first n ints of a to mac, little-endian, one chunk of buf at a time. */
  private static void updateInts(Mac mac, ByteBuffer buf, int[] a, int n) {
    for (int i = 0; i < n; i += CHUNK / 4) {
      int len = Math.min(CHUNK / 4, n - i);
      buf.clear();
      buf.asIntBuffer().put(a, i, len);
      mac.update(buf.array(), 0, len * 4);
    }
  }

  private static SecretKeySpec derive(SecretKeySpec root, String label) {
    return new SecretKeySpec(mac(root).doFinal(label.getBytes(StandardCharsets.UTF_8)), ALGORITHM);
  }

  private static Mac mac(SecretKeySpec key) {
    if (key == null) {
      return null;
    }
    try {
      Mac m = Mac.getInstance(ALGORITHM);
      m.init(key);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
    }
  }
}

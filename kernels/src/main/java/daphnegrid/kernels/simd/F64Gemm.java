package daphnegrid.kernels.simd;

import daphnegrid.kernels.Parallel;
import daphnegrid.kernels.plain.F64MatMul;
import java.util.concurrent.ForkJoinPool;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Blocked, packed f64 matrix product after the GotoBLAS/BLIS scheme: for each NC-wide column block
 * of B and each KC-deep slice of the inner dimension, the slice of B is packed into NR-wide panels,
 * each MC-high row block of A into MR-high panels, and a register-tiled kernel multiplies panel
 * pairs. A cell's kc-slices run in order and each continues from the value the previous left in C
 * (or, for large outputs, in a staging buffer; see {@link #STAGE_MIN_CELLS}), so every cell is the
 * single fma chain of {@link daphnegrid.kernels.MatMulKernels}, whatever the block sizes.
 *
 * <p>Operands are read through strides (element (i, p) of A at aOff + i * ars + p * acs), so the
 * packing routines also serve t(A) @ A and A @ t(A) without forming a transpose. Threads split the
 * output into column ranges (row ranges when it is narrow) and run the whole scheme on their part
 * with their own packing buffers: no barriers, and results independent of the thread count.
 */
final class F64Gemm {
  private F64Gemm() {}

  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  static final int VL = S.length();

  /**
   * Rows of the register tile: eight where vectors are 512 bits wide (AVX-512, 32 vector
   * registers), five otherwise (AVX2 has 16). The tile's shape does not change any cell's fma
   * chain.
   */
  static final int MR = S.vectorBitSize() >= 512 ? 8 : 5;

  static final int NR = 2 * VL;
  static final int KC = 256;
  static final int MC = 192 / MR * MR;
  static final int NC = 4096;

  /**
   * Outputs of at least this many cells, of products with more than one k-slice, keep their partial
   * sums between the slices in a staging buffer ({@link #macro}) instead of in c. The tiles of c
   * lie a row of c apart from one another, so no hardware prefetcher follows them, and each call of
   * the register tile began by waiting for its 16 cache lines of c, from memory once c is larger
   * than the caches; the staged tiles are stored one after another, in the order the next slice
   * reads them. One thread, JDK 25, AVX-512: n = 2048 at 65-71 GFLOP/s against 59-62, n = 4096 at
   * 66-68 against 56-61; at n = 1024 (8 MB of c) staging made no clear difference.
   */
  static final long STAGE_MIN_CELLS = 1L << 21;

  /**
   * The largest staging buffer, in cells: that of a 4096 x 4096 product on one thread (128 MB). A
   * larger part of c is not staged, so that no product needs more than this beyond its operands.
   */
  static final long STAGE_MAX_CELLS = 1L << 24;

  /** Below this many multiply-adds a product runs unpacked. */
  static final long PACK_MIN_WORK = 32L * 32 * 32;

  /** Below this many multiply-adds a product stays on one thread. */
  static final long PARALLEL_MIN_WORK = 64L * 64 * 64;

  // The loops a product runs, as path(m, k, n) names them; SimdMatMul keeps one warm-up gate each.

  /** A single column (n == 1): {@link #gemv}, plain fma chains, four rows interleaved. */
  static final int GEMV = 0;

  /** Unpacked, n at most one vector: {@link #direct} in tiles of eight rows by one vector. */
  static final int NARROW = 1;

  /**
   * Unpacked, small or thin otherwise: {@link #direct} in tiles of four rows by two vectors (by one
   * for an odd last vector).
   */
  static final int DIRECT = 2;

  /** Packed panels and the register-tiled {@link #kernel}: {@link #multiply}. */
  static final int PACKED = 3;

  /** The number of paths. */
  static final int PATHS = 4;

  /** The path gemm(m, k, n) takes. */
  static int path(int m, int k, int n) {
    long work = (long) m * n * k;
    if (n == 1) {
      return GEMV;
    } else if (k == 0 || work < PACK_MIN_WORK || k <= 4 || n < VL || m < MR) {
      return n <= VL ? NARROW : DIRECT;
    }
    return PACKED;
  }

  /** True when crossprod (tcrossprod with m and n swapped) of an m x n matrix runs packed. */
  static boolean crossprodPacked(int m, int n) {
    return !(n < VL || (long) n * n * m < PACK_MIN_WORK || m == 0);
  }

  /**
   * Runs the vector loops of one path (NARROW, DIRECT or PACKED) once on the probe arrays of {@link
   * Warmup}, so that a timed call tells whether they are compiled yet. PACKED's vector loop is the
   * register tile (the packing copies with plain loops and System.arraycopy): the tile alone turned
   * fast after about 6,800 probes, the whole blocked product on a small case after about 10,800.
   * The probe runs the tile both starting from zero and adding to c: probed with one of them only,
   * C2 compiled the other as a trap, and the first real call that took it (any k above KC) threw
   * the compiled tile away, about 150 ms before it was compiled again.
   */
  static void probe(int path) {
    double[] in = Warmup.D_IN;
    double[] out = Warmup.D_OUT;
    switch (path) {
      case NARROW -> direct(in, 0, in, 0, out, 0, MR + 1, 8, VL);
      case DIRECT -> direct(in, 0, in, 0, out, 0, 5, 8, 2 * VL + 3);
      case PACKED -> {
        kernel(16, in, 0, in, 0, out, 0, NR, false);
        kernel(16, in, 0, in, 0, out, 0, NR, true);
      }
      default -> throw new IllegalArgumentException("no vector loops to probe on path " + path);
    }
  }

  /**
   * Runs the vector loops of {@link #gemvTransposed} once on the probe arrays of {@link Warmup}.
   */
  static void probeGemvTransposed() {
    gemvTransposed(Warmup.D_IN, 0, 4, 64, Warmup.D_IN, 0, Warmup.D_OUT, 0);
  }

  static void gemm(
      double[] a,
      int aOff,
      double[] b,
      int bOff,
      double[] c,
      int cOff,
      int m,
      int k,
      int n,
      ForkJoinPool pool) {
    switch (path(m, k, n)) {
      case GEMV -> gemv(a, aOff, b, bOff, c, cOff, m, k);
      case NARROW, DIRECT -> direct(a, aOff, b, bOff, c, cOff, m, k, n);
      default ->
          multiply(a, aOff, k, 1, b, bOff, n, 1, c, cOff, m, n, k, false, pool, STAGE_MIN_CELLS);
    }
  }

  static void crossprod(
      double[] a, int aOff, int m, int n, double[] c, int cOff, ForkJoinPool pool) {
    if (!crossprodPacked(m, n)) {
      F64MatMul.crossprod(a, aOff, m, n, c, cOff, null);
      return;
    }
    multiply(a, aOff, 1, n, a, aOff, n, 1, c, cOff, n, n, m, true, pool, STAGE_MIN_CELLS);
    F64MatMul.mirrorUpper(c, cOff, n);
  }

  static void tcrossprod(
      double[] a, int aOff, int m, int n, double[] c, int cOff, ForkJoinPool pool) {
    if (!crossprodPacked(n, m)) {
      F64MatMul.tcrossprod(a, aOff, m, n, c, cOff, null);
      return;
    }
    multiply(a, aOff, n, 1, a, aOff, 1, n, c, cOff, m, m, n, true, pool, STAGE_MIN_CELLS);
    F64MatMul.mirrorUpper(c, cOff, m);
  }

  /**
   * c (m x n, row stride n) = A (m x k) @ B (k x n) with A(i, p) = a[aOff + i*ars + p*acs] and B(p,
   * j) = b[bOff + p*brs + j*bcs]. With upper set, only register tiles that reach the upper triangle
   * (j >= i) are computed; the rest of c is left as it was. Parts of c of at least stageMin cells
   * stage their partial sums ({@link #STAGE_MIN_CELLS} in the products; tests pass others).
   */
  static void multiply(
      double[] a,
      int aOff,
      int ars,
      int acs,
      double[] b,
      int bOff,
      int brs,
      int bcs,
      double[] c,
      int cOff,
      int m,
      int n,
      int k,
      boolean upper,
      ForkJoinPool pool,
      long stageMin) {
    int parts = (long) m * n * k < PARALLEL_MIN_WORK ? 1 : Parallel.parts(pool);
    if (parts > 1 && n >= parts * 2 * NR) {
      // column ranges; for a triangle, of equal area
      Parallel.forEach(
          pool,
          parts,
          t -> {
            int j0 = upper ? Parallel.cutTriangle(n, parts, t, NR) : Parallel.cut(n, parts, t, NR);
            int j1 =
                upper
                    ? Parallel.cutTriangle(n, parts, t + 1, NR)
                    : Parallel.cut(n, parts, t + 1, NR);
            block(
                a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, n, k, 0, m, j0, j1, upper, stageMin);
          });
    } else if (parts > 1 && m >= parts * 2 * MR && !upper) {
      Parallel.forEach(
          pool,
          parts,
          t ->
              block(
                  a,
                  aOff,
                  ars,
                  acs,
                  b,
                  bOff,
                  brs,
                  bcs,
                  c,
                  cOff,
                  n,
                  k,
                  Parallel.cut(m, parts, t, MR),
                  Parallel.cut(m, parts, t + 1, MR),
                  0,
                  n,
                  upper,
                  stageMin));
    } else {
      block(a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, n, k, 0, m, 0, n, upper, stageMin);
    }
  }

  /**
   * The blocked product for rows [i0, i1) and columns [j0, j1) of c (ldc = n), staging its partial
   * sums when k spans more than one slice and the part has at least stageMin cells.
   */
  static void block(
      double[] a,
      int aOff,
      int ars,
      int acs,
      double[] b,
      int bOff,
      int brs,
      int bcs,
      double[] c,
      int cOff,
      int ldc,
      int k,
      int i0,
      int i1,
      int j0,
      int j1,
      boolean upper,
      long stageMin) {
    if (i0 >= i1 || j0 >= j1) {
      return;
    }
    int ncMax = Math.min(NC, roundUp(j1 - j0, NR));
    int mcMax = Math.min(MC, roundUp(i1 - i0, MR));
    int kcMax = Math.min(KC, k);
    double[] bpack = Scratch.doubles(ncMax * kcMax);
    double[] apack = Scratch.doubles(mcMax * kcMax);
    double[] tile = Scratch.doubles(MR * NR);
    long stageCells = (long) roundUp(i1 - i0, MR) * ncMax;
    boolean staged =
        k > KC && (long) (i1 - i0) * (j1 - j0) >= stageMin && stageCells <= STAGE_MAX_CELLS;
    double[] stage = staged ? Scratch.largeDoubles((int) stageCells) : null;
    try {
      for (int jc = j0; jc < j1; jc += NC) {
        int nc = Math.min(NC, j1 - jc);
        for (int pc = 0; pc < k; pc += KC) {
          int kc = Math.min(KC, k - pc);
          packB(b, bOff, brs, bcs, pc, kc, jc, nc, bpack);
          for (int ic = i0; ic < i1; ic += MC) {
            int mc = Math.min(MC, i1 - ic);
            if (upper && ic >= jc + nc) {
              break; // every later row block lies below the diagonal of this column block
            }
            packA(a, aOff, ars, acs, ic, mc, pc, kc, apack);
            macro(
                apack,
                bpack,
                tile,
                c,
                cOff,
                ldc,
                ic,
                mc,
                jc,
                nc,
                kc,
                pc > 0,
                upper,
                stage,
                (ic - i0) * roundUp(nc, NR),
                pc + kc >= k);
          }
        }
      }
    } finally {
      Scratch.giveBack(tile);
      Scratch.giveBack(apack);
      Scratch.giveBack(bpack);
      if (stage != null) {
        Scratch.giveBackLarge(stage);
      }
    }
  }

  /**
   * The register tiles of rows [ic, ic+mc) and columns [jc, jc+nc) for one k-slice of kc. Without
   * stage, each tile continues from c (from +0 unless load) and ends in c; edge tiles run whole on
   * a copy, and only their cells that exist are stored. With stage (a staged product, see {@link
   * #STAGE_MIN_CELLS}), the slices before the last keep their partial sums there, from so0 on, as
   * whole MR x NR tiles one after another in the order this loop visits them, so that the next
   * slice reads them as one stream; the last slice (last) adds its part and writes the sums to c.
   */
  private static void macro(
      double[] apack,
      double[] bpack,
      double[] tile,
      double[] c,
      int cOff,
      int ldc,
      int ic,
      int mc,
      int jc,
      int nc,
      int kc,
      boolean load,
      boolean upper,
      double[] stage,
      int so0,
      boolean last) {
    int so = so0;
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      int gj = jc + jr;
      for (int ir = 0; ir < mc; ir += MR, so += MR * NR) {
        int mr = Math.min(MR, mc - ir);
        int gi = ic + ir;
        if (upper && gi >= gj + nr) {
          // this and all later tiles of the column panel lie below the diagonal
          so += ((mc - ir + MR - 1) / MR) * MR * NR;
          break;
        }
        int co = cOff + gi * ldc + gj;
        boolean whole = mr == MR && nr == NR;
        if (stage != null && !last) {
          kernel(kc, apack, ir * kc, bpack, jr * kc, stage, so, NR, load, stage, so, NR);
          continue;
        }
        if (whole) {
          if (stage == null) {
            kernel(kc, apack, ir * kc, bpack, jr * kc, c, co, ldc, load);
          } else {
            kernel(kc, apack, ir * kc, bpack, jr * kc, stage, so, NR, load, c, co, ldc);
          }
          continue;
        }
        if (stage == null) {
          if (load) {
            for (int r = 0; r < mr; r++) {
              System.arraycopy(c, co + r * ldc, tile, r * NR, nr);
            }
          }
          kernel(kc, apack, ir * kc, bpack, jr * kc, tile, 0, NR, load);
        } else {
          kernel(kc, apack, ir * kc, bpack, jr * kc, stage, so, NR, load, tile, 0, NR);
        }
        for (int r = 0; r < mr; r++) {
          System.arraycopy(tile, r * NR, c, co + r * ldc, nr);
        }
      }
    }
  }

  /** Packs rows [ic, ic+mc) x inner [pc, pc+kc) of A into MR-high panels, k-major, zero-padded. */
  private static void packA(
      double[] a, int aOff, int ars, int acs, int ic, int mc, int pc, int kc, double[] apack) {
    for (int ir = 0; ir < mc; ir += MR) {
      int base = ir * kc;
      int mr = Math.min(MR, mc - ir);
      if (ars == 1 && mr == MR) {
        // a transposed operand (t(A) @ B): the panel's MR values of each p are adjacent
        int src = aOff + ic + ir + pc * acs;
        for (int p = 0; p < kc; p++) {
          System.arraycopy(a, src + p * acs, apack, base + p * MR, MR);
        }
        continue;
      }
      for (int r = 0; r < MR; r++) {
        if (r < mr) {
          int src = aOff + (ic + ir + r) * ars + pc * acs;
          for (int p = 0; p < kc; p++) {
            apack[base + p * MR + r] = a[src + p * acs];
          }
        } else {
          for (int p = 0; p < kc; p++) {
            apack[base + p * MR + r] = 0.0;
          }
        }
      }
    }
  }

  /** Packs inner [pc, pc+kc) x columns [jc, jc+nc) of B into NR-wide panels, zero-padded. */
  private static void packB(
      double[] b, int bOff, int brs, int bcs, int pc, int kc, int jc, int nc, double[] bpack) {
    for (int jr = 0; jr < nc; jr += NR) {
      int base = jr * kc;
      int nr = Math.min(NR, nc - jr);
      int src = bOff + pc * brs + (jc + jr) * bcs;
      if (bcs == 1 && nr == NR) {
        for (int p = 0; p < kc; p++) {
          System.arraycopy(b, src + p * brs, bpack, base + p * NR, NR);
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int s = src + p * brs;
          int d = base + p * NR;
          for (int j = 0; j < nr; j++) {
            bpack[d + j] = b[s + j * bcs];
          }
          for (int j = nr; j < NR; j++) {
            bpack[d + j] = 0.0;
          }
        }
      }
    }
  }

  /**
   * Unpacked product for small or thin shapes: register tiles of four rows by two vectors of
   * columns (eight rows by one vector when n fits one vector, e.g. the distances of points to a few
   * centroids), each cell's chain running over the inner dimension in order from +0. When n is not
   * a multiple of the vector length, b is first copied into zero-padded rows and the product
   * computed into a padded scratch c, whose first n columns are then copied out: plain loads and
   * stores instead of masked ones, which cost ten times more here.
   */
  static void direct(
      double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
    if (n % VL == 0) {
      directPadded(a, aOff, b, bOff, n, c, cOff, n, m, k);
      return;
    }
    int np = roundUp(n, VL);
    double[] bp = Scratch.doubles(k * np);
    double[] cp = Scratch.doubles(m * np);
    try {
      for (int p = 0; p < k; p++) {
        System.arraycopy(b, bOff + p * n, bp, p * np, n);
        java.util.Arrays.fill(bp, p * np + n, (p + 1) * np, 0.0);
      }
      directPadded(a, aOff, bp, 0, np, cp, 0, np, m, k);
      for (int i = 0; i < m; i++) {
        System.arraycopy(cp, i * np, c, cOff + i * n, n);
      }
    } finally {
      Scratch.giveBack(cp);
      Scratch.giveBack(bp);
    }
  }

  /** c (row stride ldc) = a @ b (row stride ldb, a multiple of VL columns, all computed). */
  private static void directPadded(
      double[] a,
      int aOff,
      double[] b,
      int bOff,
      int ldb,
      double[] c,
      int cOff,
      int ldc,
      int m,
      int k) {
    int i = 0;
    if (ldb == VL && m >= 8) {
      if (NarrowRows.IN_PLACE) {
        int lastTouch = a.length - 8 * k;
        for (; i + 8 <= m; i += 8) {
          int a0 = aOff + i * k;
          int touch = (int) Math.min(a0 + (long) TOUCH_AHEAD_ROWS * k, lastTouch);
          rows8x1(a, a0, k, b, bOff, ldb, c, cOff + i * ldc, ldc, touch);
        }
      } else {
        double[] panel = Scratch.doubles(8 * k);
        try {
          for (; i + 8 <= m; i += 8) {
            kMajor(a, aOff + i * k, k, 8, panel);
            panelRows8x1(panel, k, b, bOff, ldb, c, cOff + i * ldc, ldc);
          }
        } finally {
          Scratch.giveBack(panel);
        }
      }
    } else if (ldb != VL) {
      double[] panel = Scratch.doubles(4 * k);
      try {
        for (; i + 4 <= m; i += 4) {
          int a0 = aOff + i * k;
          kMajor(a, a0, k, 4, panel);
          int co = cOff + i * ldc;
          int j = 0;
          for (; j + 2 * VL <= ldb; j += 2 * VL) {
            rows4x2(panel, k, b, bOff + j, ldb, c, co + j, ldc);
          }
          for (; j < ldb; j += VL) {
            rows4x1(a, a0, k, b, bOff + j, ldb, c, co + j, ldc);
          }
        }
      } finally {
        Scratch.giveBack(panel);
      }
    }
    for (; i < m; i++) {
      int ao = aOff + i * k;
      int co = cOff + i * ldc;
      for (int j = 0; j < ldb; j += VL) {
        DoubleVector acc = DoubleVector.zero(S);
        for (int p = 0; p < k; p++) {
          acc =
              DoubleVector.broadcast(S, a[ao + p])
                  .fma(DoubleVector.fromArray(S, b, bOff + p * ldb + j), acc);
        }
        acc.intoArray(c, co + j);
      }
    }
  }

  /**
   * How far past its own eight rows {@link #rows8x1} reads ahead, in rows of a. The narrow products
   * read a from memory (k-means' distances: X at 800 MB per pass), and the broadcasts from eight
   * rows at once left the hardware prefetchers behind: on an Intel Xeon with AVX-512 the product
   * alone read X at 12-14 GB/s on two threads, against 22-23 for a plain read. Java has no prefetch
   * instruction, so each step also loads one cell of each cache line of the eight rows this many
   * rows further on; the distance (a tile and a bit, 48 rows of 100 cells) measured the same from
   * 16 to 200 rows.
   */
  static final int TOUCH_AHEAD_ROWS = 48;

  /**
   * Eight rows from a0 (row stride k) times one column vector of b (row stride ldb), the broadcasts
   * read from the rows in place: step p reads a[a0 + r k + p] for the eight rows r. See {@link
   * NarrowRows}. Step p also reads a[touch + 8 p], so that the call brings the 8 k cells of a from
   * touch into the cache (one load per 64 bytes) while its own rows are multiplied; touch + 8 k
   * must not pass the end of a, and touch = a0 reads nothing new.
   */
  static void rows8x1(
      double[] a,
      int a0,
      int k,
      double[] b,
      int bo,
      int ldb,
      double[] c,
      int co,
      int ldc,
      int touch) {
    long touched = 0;
    DoubleVector c0 = DoubleVector.zero(S);
    DoubleVector c1 = c0;
    DoubleVector c2 = c0;
    DoubleVector c3 = c0;
    DoubleVector c4 = c0;
    DoubleVector c5 = c0;
    DoubleVector c6 = c0;
    DoubleVector c7 = c0;
    for (int p = 0; p < k; p++) {
      DoubleVector bv = DoubleVector.fromArray(S, b, bo + p * ldb);
      int q = a0 + p;
      c0 = DoubleVector.broadcast(S, a[q]).fma(bv, c0);
      c1 = DoubleVector.broadcast(S, a[q + k]).fma(bv, c1);
      c2 = DoubleVector.broadcast(S, a[q + 2 * k]).fma(bv, c2);
      c3 = DoubleVector.broadcast(S, a[q + 3 * k]).fma(bv, c3);
      c4 = DoubleVector.broadcast(S, a[q + 4 * k]).fma(bv, c4);
      c5 = DoubleVector.broadcast(S, a[q + 5 * k]).fma(bv, c5);
      c6 = DoubleVector.broadcast(S, a[q + 6 * k]).fma(bv, c6);
      c7 = DoubleVector.broadcast(S, a[q + 7 * k]).fma(bv, c7);
      touched ^= Double.doubleToRawLongBits(a[touch + 8 * p]);
    }
    ReadAhead.keep(touched);
    c0.intoArray(c, co);
    c1.intoArray(c, co + ldc);
    c2.intoArray(c, co + 2 * ldc);
    c3.intoArray(c, co + 3 * ldc);
    c4.intoArray(c, co + 4 * ldc);
    c5.intoArray(c, co + 5 * ldc);
    c6.intoArray(c, co + 6 * ldc);
    c7.intoArray(c, co + 7 * ldc);
  }

  /**
   * Eight rows copied k-major into panel by {@link #kMajor} (panel[8p + r] = a[a0 + r k + p]),
   * times one column vector of b (row stride ldb): the eight broadcasts of each step read one cache
   * line of one array. {@link NarrowRows} picks this or {@link #rows8x1}; each cell is the same
   * chain.
   */
  static void panelRows8x1(
      double[] panel, int k, double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    DoubleVector c0 = DoubleVector.zero(S);
    DoubleVector c1 = c0;
    DoubleVector c2 = c0;
    DoubleVector c3 = c0;
    DoubleVector c4 = c0;
    DoubleVector c5 = c0;
    DoubleVector c6 = c0;
    DoubleVector c7 = c0;
    for (int p = 0, q = 0; p < k; p++, q += 8) {
      DoubleVector bv = DoubleVector.fromArray(S, b, bo + p * ldb);
      c0 = DoubleVector.broadcast(S, panel[q]).fma(bv, c0);
      c1 = DoubleVector.broadcast(S, panel[q + 1]).fma(bv, c1);
      c2 = DoubleVector.broadcast(S, panel[q + 2]).fma(bv, c2);
      c3 = DoubleVector.broadcast(S, panel[q + 3]).fma(bv, c3);
      c4 = DoubleVector.broadcast(S, panel[q + 4]).fma(bv, c4);
      c5 = DoubleVector.broadcast(S, panel[q + 5]).fma(bv, c5);
      c6 = DoubleVector.broadcast(S, panel[q + 6]).fma(bv, c6);
      c7 = DoubleVector.broadcast(S, panel[q + 7]).fma(bv, c7);
    }
    c0.intoArray(c, co);
    c1.intoArray(c, co + ldc);
    c2.intoArray(c, co + 2 * ldc);
    c3.intoArray(c, co + 3 * ldc);
    c4.intoArray(c, co + 4 * ldc);
    c5.intoArray(c, co + 5 * ldc);
    c6.intoArray(c, co + 6 * ldc);
    c7.intoArray(c, co + 7 * ldc);
  }

  /**
   * Four rows times two column vectors of b (row stride ldb), the rows copied k-major into panel
   * first (panel[4p + r]) as for {@link #panelRows8x1}: on a Zen 3 the distances of k-means with 8
   * centroids (two AVX2 vectors) from memory (KernelBench narrow8, one thread) ran at medians of
   * 9.9-11.5 GFLOP/s this way, against 8.7-10.7 with the broadcasts reading four rows in place.
   */
  private static void rows4x2(
      double[] panel, int k, double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = c00;
    DoubleVector c10 = c00;
    DoubleVector c11 = c00;
    DoubleVector c20 = c00;
    DoubleVector c21 = c00;
    DoubleVector c30 = c00;
    DoubleVector c31 = c00;
    for (int p = 0, q = 0; p < k; p++, q += 4) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bo + p * ldb);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bo + p * ldb + VL);
      DoubleVector x = DoubleVector.broadcast(S, panel[q]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = DoubleVector.broadcast(S, panel[q + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = DoubleVector.broadcast(S, panel[q + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = DoubleVector.broadcast(S, panel[q + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
    }
    c00.intoArray(c, co);
    c01.intoArray(c, co + VL);
    c10.intoArray(c, co + ldc);
    c11.intoArray(c, co + ldc + VL);
    c20.intoArray(c, co + 2 * ldc);
    c21.intoArray(c, co + 2 * ldc + VL);
    c30.intoArray(c, co + 3 * ldc);
    c31.intoArray(c, co + 3 * ldc + VL);
  }

  /**
   * Copies rows rows from a0 (row stride k) k-major into panel: panel[p rows + r] = a[a0 + r k +
   * p].
   */
  static void kMajor(double[] a, int a0, int k, int rows, double[] panel) {
    for (int r = 0; r < rows; r++) {
      int ar = a0 + r * k;
      for (int p = 0; p < k; p++) {
        panel[p * rows + r] = a[ar + p];
      }
    }
  }

  /** Four rows times one column vector. */
  private static void rows4x1(
      double[] a, int a0, int k, double[] b, int bo, int ldb, double[] c, int co, int ldc) {
    DoubleVector c0 = DoubleVector.zero(S);
    DoubleVector c1 = c0;
    DoubleVector c2 = c0;
    DoubleVector c3 = c0;
    for (int p = 0; p < k; p++) {
      DoubleVector bv = DoubleVector.fromArray(S, b, bo + p * ldb);
      int ap = a0 + p;
      c0 = DoubleVector.broadcast(S, a[ap]).fma(bv, c0);
      c1 = DoubleVector.broadcast(S, a[ap + k]).fma(bv, c1);
      c2 = DoubleVector.broadcast(S, a[ap + 2 * k]).fma(bv, c2);
      c3 = DoubleVector.broadcast(S, a[ap + 3 * k]).fma(bv, c3);
    }
    c0.intoArray(c, co);
    c1.intoArray(c, co + ldc);
    c2.intoArray(c, co + 2 * ldc);
    c3.intoArray(c, co + 3 * ldc);
  }

  /** c (m) = a (m x k) @ x (k): four rows' chains interleaved to hide the fma latency. */
  static void gemv(double[] a, int aOff, double[] x, int xOff, double[] c, int cOff, int m, int k) {
    int i = 0;
    for (; i + 4 <= m; i += 4) {
      int r0 = aOff + i * k;
      int r1 = r0 + k;
      int r2 = r1 + k;
      int r3 = r2 + k;
      double s0 = 0.0;
      double s1 = 0.0;
      double s2 = 0.0;
      double s3 = 0.0;
      for (int p = 0; p < k; p++) {
        double xp = x[xOff + p];
        s0 = Math.fma(a[r0 + p], xp, s0);
        s1 = Math.fma(a[r1 + p], xp, s1);
        s2 = Math.fma(a[r2 + p], xp, s2);
        s3 = Math.fma(a[r3 + p], xp, s3);
      }
      c[cOff + i] = s0;
      c[cOff + i + 1] = s1;
      c[cOff + i + 2] = s2;
      c[cOff + i + 3] = s3;
    }
    for (; i < m; i++) {
      double s = 0.0;
      for (int p = 0; p < k; p++) {
        s = Math.fma(a[aOff + i * k + p], x[xOff + p], s);
      }
      c[cOff + i] = s;
    }
  }

  /** y (n) = t(a) @ x: rows of a folded into y in order, vectors across the columns. */
  static void gemvTransposed(
      double[] a, int aOff, int m, int n, double[] x, int xOff, double[] y, int yOff) {
    java.util.Arrays.fill(y, yOff, yOff + n, 0.0);
    int jEnd = S.loopBound(n);
    for (int i = 0; i < m; i++) {
      double xi = x[xOff + i];
      DoubleVector xv = DoubleVector.broadcast(S, xi);
      int ro = aOff + i * n;
      int j = 0;
      for (; j < jEnd; j += VL) {
        DoubleVector.fromArray(S, a, ro + j)
            .fma(xv, DoubleVector.fromArray(S, y, yOff + j))
            .intoArray(y, yOff + j);
      }
      for (; j < n; j++) {
        y[yOff + j] = Math.fma(a[ro + j], xi, y[yOff + j]);
      }
    }
  }

  private static int roundUp(int v, int unit) {
    return (v + unit - 1) / unit * unit;
  }

  /**
   * The register tile: c[0..MR) x [0..NR) (row stride ldc from co) plus the product of an MR x kc
   * packed A panel and a kc x NR packed B panel, one fma per cell and k step, in k order. With load
   * false the tile starts from +0 instead of c.
   */
  static void kernel(
      int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co, int ldc, boolean load) {
    kernel(kc, ap, ao, bp, bo, c, co, ldc, load, c, co, ldc);
  }

  /**
   * The register tile, reading its starting values (with load) from ci at io, row stride ldi, and
   * writing the sums to co at oo, row stride ldo.
   */
  static void kernel(
      int kc,
      double[] ap,
      int ao,
      double[] bp,
      int bo,
      double[] ci,
      int io,
      int ldi,
      boolean load,
      double[] co,
      int oo,
      int ldo) {
    if (MR == 8) {
      kernel8(kc, ap, ao, bp, bo, ci, io, ldi, load, co, oo, ldo);
    } else {
      kernel5(kc, ap, ao, bp, bo, ci, io, ldi, load, co, oo, ldo);
    }
  }

  /**
   * The tile of eight rows: 16 accumulators, 2 B vectors and 1 broadcast fit the 32 vector
   * registers of AVX-512; more accumulators measured slower on JDK 25.
   */
  static void kernel8(
      int kc,
      double[] ap,
      int ao,
      double[] bp,
      int bo,
      double[] ci,
      int io,
      int ldi,
      boolean load,
      double[] c,
      int co,
      int ldc) {
    DoubleVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
    if (load) {
      c00 = DoubleVector.fromArray(S, ci, io);
      c01 = DoubleVector.fromArray(S, ci, io + VL);
      c10 = DoubleVector.fromArray(S, ci, io + ldi);
      c11 = DoubleVector.fromArray(S, ci, io + ldi + VL);
      c20 = DoubleVector.fromArray(S, ci, io + 2 * ldi);
      c21 = DoubleVector.fromArray(S, ci, io + 2 * ldi + VL);
      c30 = DoubleVector.fromArray(S, ci, io + 3 * ldi);
      c31 = DoubleVector.fromArray(S, ci, io + 3 * ldi + VL);
      c40 = DoubleVector.fromArray(S, ci, io + 4 * ldi);
      c41 = DoubleVector.fromArray(S, ci, io + 4 * ldi + VL);
      c50 = DoubleVector.fromArray(S, ci, io + 5 * ldi);
      c51 = DoubleVector.fromArray(S, ci, io + 5 * ldi + VL);
      c60 = DoubleVector.fromArray(S, ci, io + 6 * ldi);
      c61 = DoubleVector.fromArray(S, ci, io + 6 * ldi + VL);
      c70 = DoubleVector.fromArray(S, ci, io + 7 * ldi);
      c71 = DoubleVector.fromArray(S, ci, io + 7 * ldi + VL);
    } else {
      DoubleVector z = DoubleVector.zero(S);
      c00 = z;
      c01 = z;
      c10 = z;
      c11 = z;
      c20 = z;
      c21 = z;
      c30 = z;
      c31 = z;
      c40 = z;
      c41 = z;
      c50 = z;
      c51 = z;
      c60 = z;
      c61 = z;
      c70 = z;
      c71 = z;
    }
    for (int p = 0; p < kc; p++, ao += 8, bo += NR) {
      DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + VL);
      DoubleVector x;
      x = DoubleVector.broadcast(S, ap[ao]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = DoubleVector.broadcast(S, ap[ao + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = DoubleVector.broadcast(S, ap[ao + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = DoubleVector.broadcast(S, ap[ao + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = DoubleVector.broadcast(S, ap[ao + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = DoubleVector.broadcast(S, ap[ao + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      x = DoubleVector.broadcast(S, ap[ao + 6]);
      c60 = x.fma(b0, c60);
      c61 = x.fma(b1, c61);
      x = DoubleVector.broadcast(S, ap[ao + 7]);
      c70 = x.fma(b0, c70);
      c71 = x.fma(b1, c71);
    }
    c00.intoArray(c, co);
    c01.intoArray(c, co + VL);
    c10.intoArray(c, co + ldc);
    c11.intoArray(c, co + ldc + VL);
    c20.intoArray(c, co + 2 * ldc);
    c21.intoArray(c, co + 2 * ldc + VL);
    c30.intoArray(c, co + 3 * ldc);
    c31.intoArray(c, co + 3 * ldc + VL);
    c40.intoArray(c, co + 4 * ldc);
    c41.intoArray(c, co + 4 * ldc + VL);
    c50.intoArray(c, co + 5 * ldc);
    c51.intoArray(c, co + 5 * ldc + VL);
    c60.intoArray(c, co + 6 * ldc);
    c61.intoArray(c, co + 6 * ldc + VL);
    c70.intoArray(c, co + 7 * ldc);
    c71.intoArray(c, co + 7 * ldc + VL);
  }

  /**
   * The tile of five rows for the 16 vector registers of AVX2: 10 accumulators, 2 B vectors and 1
   * broadcast. On a Zen 3 this tile alone ran at 45-47 GFLOP/s on L1-resident panels, four rows at
   * 42-44; six rows (12 accumulators) and eight ran at 19-20: the JIT spills their accumulators.
   */
  static void kernel5(
      int kc,
      double[] ap,
      int ao,
      double[] bp,
      int bo,
      double[] ci,
      int io,
      int ldi,
      boolean load,
      double[] c,
      int co,
      int ldc) {
    DoubleVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41;
    if (load) {
      c00 = DoubleVector.fromArray(S, ci, io);
      c01 = DoubleVector.fromArray(S, ci, io + VL);
      c10 = DoubleVector.fromArray(S, ci, io + ldi);
      c11 = DoubleVector.fromArray(S, ci, io + ldi + VL);
      c20 = DoubleVector.fromArray(S, ci, io + 2 * ldi);
      c21 = DoubleVector.fromArray(S, ci, io + 2 * ldi + VL);
      c30 = DoubleVector.fromArray(S, ci, io + 3 * ldi);
      c31 = DoubleVector.fromArray(S, ci, io + 3 * ldi + VL);
      c40 = DoubleVector.fromArray(S, ci, io + 4 * ldi);
      c41 = DoubleVector.fromArray(S, ci, io + 4 * ldi + VL);
    } else {
      DoubleVector z = DoubleVector.zero(S);
      c00 = z;
      c01 = z;
      c10 = z;
      c11 = z;
      c20 = z;
      c21 = z;
      c30 = z;
      c31 = z;
      c40 = z;
      c41 = z;
    }
    for (int p = 0; p < kc; p++, ao += 5, bo += NR) {
      DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + VL);
      DoubleVector x;
      x = DoubleVector.broadcast(S, ap[ao]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = DoubleVector.broadcast(S, ap[ao + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = DoubleVector.broadcast(S, ap[ao + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = DoubleVector.broadcast(S, ap[ao + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = DoubleVector.broadcast(S, ap[ao + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
    }
    c00.intoArray(c, co);
    c01.intoArray(c, co + VL);
    c10.intoArray(c, co + ldc);
    c11.intoArray(c, co + ldc + VL);
    c20.intoArray(c, co + 2 * ldc);
    c21.intoArray(c, co + 2 * ldc + VL);
    c30.intoArray(c, co + 3 * ldc);
    c31.intoArray(c, co + 3 * ldc + VL);
    c40.intoArray(c, co + 4 * ldc);
    c41.intoArray(c, co + 4 * ldc + VL);
  }
}

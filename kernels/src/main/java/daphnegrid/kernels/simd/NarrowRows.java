package daphnegrid.kernels.simd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the eight-row tile of the unpacked narrow products (n one vector wide: the distances of
 * k-means to k = 8 centroids on AVX-512) reads its broadcasts from: the eight rows of a in place,
 * or a k-major copy of them (one cache line of one array per step). Both give the same chains;
 * which is faster depends on the core:
 *
 * <ul>
 *   <li>an Intel Xeon (AVX-512, 48 KiB L1, 2 MiB L2): in place, X @ t(C) over 1,000,000 x 100 with
 *       8 centroids took 45-61 ms on two threads, against 65-83 ms with the copy (which reads and
 *       writes every cell of X once more);
 *   <li>an AMD Zen 4 (AVX-512 on 256-bit units): the copy ran about 1.4 times the speed of the rows
 *       in place.
 * </ul>
 *
 * The default follows the CPU's vendor (in place on Intel, the copy elsewhere); the system property
 * {@value #PROPERTY} ({@code in-place} or {@code copy}) overrides it.
 */
final class NarrowRows {
  private NarrowRows() {}

  /** System property choosing the variant: {@code in-place} or {@code copy}. */
  static final String PROPERTY = "daphnegrid.kernels.narrow-rows";

  /** True when the eight-row narrow tiles broadcast from the rows in place. */
  static final boolean IN_PLACE = inPlace(System.getProperty(PROPERTY), cpuVendor());

  /**
   * The choice for a property value (null when unset) and a CPU vendor string; a value other than
   * the two known ones counts as unset.
   */
  static boolean inPlace(String property, String vendor) {
    if ("in-place".equals(property)) {
      return true;
    } else if ("copy".equals(property)) {
      return false;
    }
    return "GenuineIntel".equals(vendor);
  }

  /** The vendor_id of /proc/cpuinfo's first processor, or "" where there is none. */
  static String cpuVendor() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("vendor_id"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}

package daphnegrid.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NarrowRowsTest {
  @Test
  void thePropertyOverridesTheVendor() {
    assertTrue(NarrowRows.inPlace("in-place", "AuthenticAMD"));
    assertFalse(NarrowRows.inPlace("copy", "GenuineIntel"));
  }

  @Test
  void withoutThePropertyIntelReadsInPlaceAndOthersCopy() {
    assertTrue(NarrowRows.inPlace(null, "GenuineIntel"));
    assertFalse(NarrowRows.inPlace(null, "AuthenticAMD"));
    assertFalse(NarrowRows.inPlace(null, ""));
    assertTrue(NarrowRows.inPlace("something else", "GenuineIntel"));
    assertFalse(NarrowRows.inPlace("something else", "AuthenticAMD"));
  }

  @Test
  void theVendorIsReadFromCpuinfoWhereThereIsOne() throws Exception {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    String expected = "";
    if (Files.isReadable(cpuinfo)) {
      for (String line : Files.readAllLines(cpuinfo)) {
        if (line.startsWith("vendor_id")) {
          expected = line.split(":", 2)[1].trim();
          break;
        }
      }
    }
    assertEquals(expected, NarrowRows.cpuVendor());
  }
}

package daphnegrid.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KernelSelectionTest {

  @Test
  void vectorKernelsAreChosenWhenTheModuleIsReadable() {
    assertNotNull(Kernels.simdOrNull());
    if (!Boolean.getBoolean(Kernels.FORCE_PLAIN)) {
      assertTrue(Kernels.impl().name().startsWith("simd-"), Kernels.impl().name());
    } else {
      assertEquals("plain", Kernels.impl().name());
    }
    assertEquals("plain", Kernels.plain().name());
  }

  @Test
  void onlyTheSimdPackageImportsTheVectorApi() throws IOException {
    Path root = Path.of("src/main/java/daphnegrid/kernels");
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(root)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.getParent().endsWith("simd"))
              .filter(p -> read(p).contains("import jdk.incubator.vector"))
              .toList();
    }
    assertEquals(List.of(), offenders);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

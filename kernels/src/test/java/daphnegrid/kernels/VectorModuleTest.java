package daphnegrid.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Vector API's module defined at run time ({@link VectorModule}), as the launchers on JDK 25
 * have it: in JVMs of their own started without {@code --add-modules jdk.incubator.vector}.
 */
class VectorModuleTest {

  @Test
  void withTheModuleInTheBootLayerNothingIsDefined() {
    // the test JVM has --add-modules jdk.incubator.vector (see the root pom)
    assertTrue(VectorModule.ensure().isPresent());
    assertFalse(VectorModule.definedAtRunTime());
  }

  @Test
  void withoutTheOptionTheModuleIsDefinedAtRunTimeAndTheVectorKernelsRun() throws Exception {
    ChildJvm.Run run =
        probe(
            "--add-opens",
            "java.base/java.lang=ALL-UNNAMED",
            "--add-opens",
            "java.base/jdk.internal.module=ALL-UNNAMED");
    assertEquals(0, run.exit(), run.toString());
    assertEquals("", run.err(), run.toString());
    assertTrue(run.out().startsWith("kernels simd-"), run.toString());
    assertTrue(run.out().contains("\ndefined at run time true\n"), run.toString());
    assertTrue(run.out().endsWith("\nsame bits true\n"), run.toString());
  }

  @Test
  void withoutTheOpensTheKernelsFallBackToThePlainTwinsQuietly() throws Exception {
    ChildJvm.Run run = probe("--add-opens", "java.base/java.lang=ALL-UNNAMED");
    assertEquals(0, run.exit(), run.toString());
    assertEquals("", run.err(), run.toString());
    assertEquals(
        "kernels plain\ndefined at run time false\nsame bits true\n", run.out(), run.toString());
  }

  private static ChildJvm.Run probe(String... jvmOptions) throws IOException, InterruptedException {
    return ChildJvm.run(VectorModuleProbe.class, List.of(jvmOptions));
  }
}

package daphnegrid.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    Run run =
        probe(
            "--add-opens",
            "java.base/java.lang=ALL-UNNAMED",
            "--add-opens",
            "java.base/jdk.internal.module=ALL-UNNAMED");
    assertEquals(0, run.exit, run.toString());
    assertEquals("", run.err, run.toString());
    assertTrue(run.out.startsWith("kernels simd-"), run.toString());
    assertTrue(run.out.contains("\ndefined at run time true\n"), run.toString());
    assertTrue(run.out.endsWith("\nsame bits true\n"), run.toString());
  }

  @Test
  void withoutTheOpensTheKernelsFallBackToThePlainTwinsQuietly() throws Exception {
    Run run = probe("--add-opens", "java.base/java.lang=ALL-UNNAMED");
    assertEquals(0, run.exit, run.toString());
    assertEquals("", run.err, run.toString());
    assertEquals(
        "kernels plain\ndefined at run time false\nsame bits true\n", run.out, run.toString());
  }

  private record Run(int exit, String out, String err) {}

  private static Run probe(String... jvmOptions) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmOptions));
    cmd.addAll(
        List.of("-cp", System.getProperty("java.class.path"), VectorModuleProbe.class.getName()));
    Path errFile = Files.createTempFile("vector-module-probe", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("the probe JVM did not exit");
      }
      return new Run(
          p.exitValue(),
          new String(out, StandardCharsets.UTF_8),
          Files.readString(errFile, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(errFile);
    }
  }
}

package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which start-up cache bin/daphne takes (deploy/bin/cache-variant.sh): the matrix scripts' cache
 * for a local run, the one with frames and SQL for a script that names them, the embedded grid's
 * for --distributed, and the Hazelcast client's for --distributed with workers given.
 */
class CacheVariantTest {
  @TempDir Path dir;

  private String variant(String workers, String... args) throws IOException, InterruptedException {
    Path lib = ProjectPaths.root().resolve("deploy/bin/cache-variant.sh");
    List<String> cmd = new ArrayList<>();
    cmd.add("bash");
    cmd.add("-c");
    cmd.add("set -u; source \"$0\"; daphne_cache_variant \"$@\"; echo \"[$DAPHNE_CACHE_VARIANT]\"");
    cmd.add(lib.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().remove("DAPHNE_CACHE_VARIANT");
    if (workers == null) {
      pb.environment().remove("DISTRIBUTED_WORKERS");
    } else {
      pb.environment().put("DISTRIBUTED_WORKERS", workers);
    }
    ShellRun run = ShellRun.of(pb);
    assertEquals(0, run.exit(), run.out());
    return run.out();
  }

  private String script(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
    return name;
  }

  @Test
  void matrixScriptsTakeTheMatrixCache() throws Exception {
    String s = script("lm.daph", "X = rand(10, 3, 0.0, 1.0, 1.0, 7);\nprint(sum(t(X) @ X));\n");
    assertEquals("[]", variant(null, s));
    assertEquals("[]", variant(null, "--num-threads", "2", s, "n=3"));
    assertEquals("[]", variant(null, script("io.daph", "G = readMatrix(\"g.csv\");\nprint(G);\n")));
    assertEquals("[]", variant(null, "missing.daph"));
  }

  @Test
  void scriptsNamingFramesOrSqlTakeTheFramesCache() throws Exception {
    String[] texts = {
      "F = createFrame([1, 2], \"a\");\nprint(F);\n",
      "F = readFrame(\"f.csv\");\nprint(F);\n",
      "registerView(\"f\", F);\n",
      "print(sql(\"SELECT f.a FROM f;\"));\n",
      "x = read(\"f.csv\");\n"
    };
    for (int i = 0; i < texts.length; i++) {
      assertEquals("[frames]", variant(null, script("s" + i + ".daph", texts[i])), texts[i]);
    }
    String frames = script("frames.daph", texts[0]);
    String config = script("config.json", "{\"numberOfThreads\": 2}");
    assertEquals("[frames]", variant(null, "--config", config, frames, "n=1"));
  }

  @Test
  void distributedRunsTakeTheGridOrClientCache() throws Exception {
    String frames = script("frames.daph", "F = createFrame([1, 2], \"a\");\nprint(F);\n");
    String matrix = script("m.daph", "print(1);\n");
    assertEquals("[grid]", variant(null, "--distributed", matrix));
    assertEquals("[grid]", variant("  ", "--distributed", frames));
    assertEquals("[client]", variant("127.0.0.1:5701", "--distributed", frames));
    assertEquals("[]", variant("127.0.0.1:5701", matrix));
  }
}

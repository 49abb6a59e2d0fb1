package daphnegrid.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One bin/daphne process: its exit code, stdout and stderr, and how long it took. */
record DaphneRun(int exit, String stdout, String stderr, long millis) {
  /** Runs bin/daphne args in dir with extra environment variables. */
  static DaphneRun run(Path dir, Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProjectPaths.daphne().toString());
    cmd.addAll(args);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().remove("DISTRIBUTED_WORKERS");
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    int code = p.waitFor();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new DaphneRun(
        code,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        ms);
  }
}

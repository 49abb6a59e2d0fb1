package daphnegrid.dsl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the files an {@code import} statement names and the prefix each is visible under (spec
 * 4.10). One resolver serves a whole run, so it can reject a file imported twice and prefixes that
 * clash. Both the checker and the interpreter resolve through the same instance rules.
 */
public final class ImportResolver {
  /** One file to import and the prefix its names get ({@code b} in {@code b.x}). */
  public record Resolved(Path file, String prefix) {}

  private final Map<String, List<String>> importPaths;
  private final Set<Path> imported = new HashSet<>();
  private final Set<String> prefixes = new HashSet<>();

  /**
   * @param importPaths the {@code daphnedsl_import_paths} configuration: {@code default_dirs} lists
   *     directories searched for relative names, other keys name libraries (directories)
   */
  public ImportResolver(Map<String, List<String>> importPaths, Path mainScript) {
    this.importPaths = importPaths;
    imported.add(normalize(mainScript));
  }

  private static Path normalize(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /**
   * Resolves {@code import "path" [as "alias"]} written in the script at from.
   *
   * @throws ScriptException.Parse for missing files, repeated imports and prefix clashes
   */
  public List<Resolved> resolve(Path from, String path, String alias, Span at) {
    Path dir = from.toAbsolutePath().getParent();
    List<Resolved> out = new ArrayList<>();
    if (!path.contains(".") && importPaths.containsKey(path) && !path.equals("default_dirs")) {
      for (String libDir : importPaths.get(path)) {
        try (Stream<Path> files = Files.list(Path.of(libDir))) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            out.add(register(f, path + "." + stem(f), true, at));
          }
        } catch (IOException e) {
          throw new ScriptException.Parse(at, "cannot read library directory '" + libDir + "'");
        }
      }
      return out;
    }
    Path local = dir.resolve(path);
    Path found = Files.isRegularFile(local) ? local : null;
    for (String d : importPaths.getOrDefault("default_dirs", List.of())) {
      Path cand = Path.of(d).resolve(path);
      if (Files.isRegularFile(cand)) {
        if (found != null && !normalize(found).equals(normalize(cand))) {
          throw new ScriptException.Parse(
              at, "Ambiguous import: '" + path + "' exists as " + found + " and " + cand);
        }
        found = cand;
      }
    }
    if (found == null) {
      throw new ScriptException.Parse(at, "cannot import '" + path + "': no such file");
    }
    String prefix;
    if (alias != null) {
      if (prefixes.contains(alias)) {
        throw new ScriptException.Parse(at, "import alias '" + alias + "' is already in use");
      }
      prefix = alias;
    } else {
      prefix = stem(found);
      if (prefixes.contains(prefix)) {
        Path parent = found.toAbsolutePath().normalize().getParent();
        String parentName =
            parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        prefix = parentName + "." + prefix;
      }
    }
    out.add(register(found, prefix, alias == null, at));
    return out;
  }

  private Resolved register(Path file, String prefix, boolean derived, Span at) {
    Path real = normalize(file);
    if (!imported.add(real)) {
      throw new ScriptException.Parse(
          at, "'" + file + "' is imported twice (or imports the importing script)");
    }
    if (!prefixes.add(prefix)) {
      throw new ScriptException.Parse(at, "import prefix '" + prefix + "' is already in use");
    }
    return new Resolved(file, prefix);
  }

  private static String stem(Path f) {
    String n = f.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}

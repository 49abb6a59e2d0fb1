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
 * 4.10). One resolver serves one walk over a run's imports, so it can reject a file imported twice,
 * prefixes that clash and import cycles; {@link ModuleLoader} gives each phase's walk its own.
 */
final class ImportResolver {
  /** One file to import and the prefix its names get ({@code b} in {@code b.x}). */
  public record Resolved(Path file, String prefix) {}

  private final Map<String, List<String>> importPaths;
  private final Map<Path, Set<Path>> importedBy = new java.util.HashMap<>();
  private final Map<Path, Set<String>> prefixesOf = new java.util.HashMap<>();
  private final java.util.Deque<Path> active = new java.util.ArrayDeque<>();

  /**
   * @param importPaths the {@code daphnedsl_import_paths} configuration: {@code default_dirs} lists
   *     directories searched for relative names, other keys name libraries (directories)
   */
  public ImportResolver(Map<String, List<String>> importPaths, Path mainScript) {
    this.importPaths = importPaths;
    active.push(normalize(mainScript));
  }

  /** Marks file as being imported (its statements run now); pair with {@link #leave}. */
  public void enter(Path file) {
    active.push(normalize(file));
  }

  public void leave() {
    active.pop();
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
    Path importer = normalize(from);
    Set<Path> imported = importedBy.computeIfAbsent(importer, k -> new HashSet<>());
    Set<String> prefixes = prefixesOf.computeIfAbsent(importer, k -> new HashSet<>());
    Path dir = from.toAbsolutePath().getParent();
    List<Resolved> out = new ArrayList<>();
    if (!path.contains(".") && importPaths.containsKey(path) && !path.equals("default_dirs")) {
      for (String libDir : importPaths.get(path)) {
        try (Stream<Path> files = Files.list(Path.of(libDir))) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            out.add(register(f, path + "." + stem(f), imported, prefixes, at));
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
    out.add(register(found, prefix, imported, prefixes, at));
    return out;
  }

  private Resolved register(
      Path file, String prefix, Set<Path> imported, Set<String> prefixes, Span at) {
    Path real = normalize(file);
    if (active.contains(real)) {
      throw new ScriptException.Parse(
          at, "'" + file + "' imports itself (directly or through other imports)");
    }
    if (!imported.add(real)) {
      throw new ScriptException.Parse(at, "'" + file + "' is imported twice");
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

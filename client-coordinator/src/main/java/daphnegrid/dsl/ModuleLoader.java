package daphnegrid.dsl;

import daphnegrid.dsl.ast.Script;
import daphnegrid.dsl.ast.Stmt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Loads the files that {@code import} statements name (spec 4.10) for one run: the checker and the
 * interpreter share one loader, so each imported file is read and parsed once per run however many
 * statements and phases reach it.
 *
 * <p>Each phase walks the imports in a {@link Pass} of its own. The import rules (a file imported
 * twice by one importer, clashing prefixes, import cycles) are about one walk over the import graph
 * and {@link ImportResolver} keeps that walk's state; the interpreter walks the same graph again
 * after the checker, so it needs fresh state to see exactly what the checker saw.
 *
 * <p>Parsed files are kept by their path as resolved, which is also the file name their diagnostics
 * show: a file reached under two spellings ({@code lib/c.daph}, {@code sub/../lib/c.daph}) is
 * parsed once per spelling, so every error still names the path its import used.
 */
public final class ModuleLoader {
  /**
   * One file an import brings in, parsed, with the prefix its names get ({@code c} in {@code c.x}).
   */
  public record Module(String prefix, Script script) {
    /**
     * Hands each of the module's own top-level names among names to define under the name the
     * importer sees ({@code prefix.name}); names the module imported itself (qualified already) are
     * not passed on.
     */
    public <V> void export(Map<String, V> names, BiConsumer<String, V> define) {
      names.forEach(
          (name, value) -> {
            if (!name.contains(".")) {
              define.accept(prefix + "." + name, value);
            }
          });
    }
  }

  private final Map<String, List<String>> importPaths;
  private final Path mainScript;
  private final Map<Path, Script> parsed = new HashMap<>();

  /**
   * @param importPaths the {@code daphnedsl_import_paths} configuration (see {@link
   *     ImportResolver})
   * @param mainScript the script the run starts from
   */
  public ModuleLoader(Map<String, List<String>> importPaths, Path mainScript) {
    this.importPaths = importPaths;
    this.mainScript = mainScript;
  }

  /** Starts a walk over the imports of the main script and of the modules it imports. */
  public Pass newPass() {
    return new Pass(new ImportResolver(importPaths, mainScript));
  }

  /** One phase's walk over the imports, with its own import-rule state. */
  public final class Pass {
    private final ImportResolver resolver;

    private Pass(ImportResolver resolver) {
      this.resolver = resolver;
    }

    /**
     * Hands each module that im (written in the file from) brings in to use, in order. While use
     * runs, the module counts as being imported, so an import of it from inside is a cycle. A file
     * is parsed just before its turn, so an earlier module's errors come first.
     *
     * @throws ScriptException.Parse for the import rules of {@link ImportResolver}, an unreadable
     *     file and syntax errors in the file
     */
    public void load(Path from, Stmt.Import im, Consumer<Module> use) {
      for (ImportResolver.Resolved r : resolver.resolve(from, im.path(), im.alias(), im.span())) {
        Script script = parsed(r.file(), im.span());
        resolver.enter(r.file());
        try {
          use.accept(new Module(r.prefix(), script));
        } finally {
          resolver.leave();
        }
      }
    }
  }

  private Script parsed(Path file, Span at) {
    Script s = parsed.get(file);
    if (s == null) {
      s = parse(file, at);
      parsed.put(file, s);
    }
    return s;
  }

  /** Parses an imported file; syntax errors there are reported like the main script's. */
  private static Script parse(Path file, Span at) {
    String src;
    try {
      src = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScriptException.Parse(at, "cannot read '" + file + "': " + e.getMessage());
    }
    List<Diagnostic> diags = new ArrayList<>();
    Script s = Parser.parse(src, file, file.toString(), diags);
    if (!diags.isEmpty()) {
      throw new ScriptException.Parse(diags);
    }
    return s;
  }
}

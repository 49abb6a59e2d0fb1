package daphnegrid.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.dsl.ast.Script;
import daphnegrid.dsl.ast.Stmt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModuleLoaderTest {
  @TempDir Path dir;

  /** main.daph of the current layout, parsed. */
  private Script main;

  /** The module loader of one run of main. */
  private ModuleLoader loader;

  /** Writes files (by path under dir), parses main.daph and makes the run's loader. */
  private void layout(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
    }
    Path file = dir.resolve("main.daph");
    List<Diagnostic> diags = new ArrayList<>();
    main = Parser.parse(Files.readString(file), file, file.toString(), diags);
    assertTrue(diags.isEmpty(), diags.toString());
    loader = new ModuleLoader(Map.of(), file);
  }

  /** Loads every import reachable from script in one pass, the way the checker walks them. */
  private static void walk(ModuleLoader.Pass pass, Script script, List<ModuleLoader.Module> out) {
    for (Stmt s : script.statements()) {
      if (s instanceof Stmt.Import im) {
        pass.load(
            script.path(),
            im,
            m -> {
              out.add(m);
              walk(pass, m.script(), out);
            });
      }
    }
  }

  /** The modules one pass over main's imports brings in, in order. */
  private List<ModuleLoader.Module> walk() {
    List<ModuleLoader.Module> out = new ArrayList<>();
    walk(loader.newPass(), main, out);
    return out;
  }

  @Test
  void aFileImportedByTwoModulesIsParsedOnceForBothPasses() throws IOException {
    layout(
        Map.of(
            "main.daph", "import \"a.daph\";\nimport \"b.daph\";\n",
            "a.daph", "import \"c.daph\";\nx = c.z;\n",
            "b.daph", "import \"c.daph\";\ny = c.z;\n",
            "c.daph", "z = 5;\n"));
    List<ModuleLoader.Module> checked = walk();
    List<ModuleLoader.Module> run = walk();

    assertEquals(
        List.of("a", "c", "b", "c"), checked.stream().map(ModuleLoader.Module::prefix).toList());
    assertSame(checked.get(1).script(), checked.get(3).script());
    assertEquals(checked, run);
    for (int i = 0; i < checked.size(); i++) {
      assertSame(checked.get(i).script(), run.get(i).script());
    }
  }

  @Test
  void aFileReachedUnderAnotherSpellingKeepsThatSpellingInItsPositions() throws IOException {
    layout(
        Map.of(
            "main.daph", "import \"lib/c.daph\";\nimport \"sub/a.daph\";\n",
            "sub/a.daph", "import \"../lib/c.daph\";\n",
            "lib/c.daph", "z = 5;\n"));
    List<ModuleLoader.Module> modules = walk();

    Script direct = modules.get(0).script();
    Script viaSub = modules.get(2).script();
    assertNotSame(direct, viaSub);
    assertEquals(dir.resolve("lib/c.daph").toString(), direct.displayName());
    assertEquals(dir.resolve("sub/../lib/c.daph").toString(), viaSub.displayName());
  }

  @Test
  void everyPassAppliesTheImportRulesAfresh() throws IOException {
    layout(Map.of("main.daph", "import \"c.daph\";\n", "c.daph", "z = 5;\n"));
    walk();
    assertEquals(1, walk().size());
  }

  /**
   * Import layouts the rules reject (main.daph imports), each with the one diagnostic reported;
   * {dir} stands for the folder the files are in.
   */
  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of(
            "a syntax error in an imported file, at its own position",
            Map.of("main.daph", "import \"bad.daph\";\n", "bad.daph", "x = ;\n"),
            "{dir}/bad.daph:1:5: error: unexpected ';' where an expression should start"),
        Arguments.of(
            "a missing file, at the import",
            Map.of("main.daph", "x = 1;\nimport \"nope.daph\";\n"),
            "{dir}/main.daph:2:1: error: cannot import 'nope.daph': no such file"),
        Arguments.of(
            "a file imported twice by one importer",
            Map.of("main.daph", "import \"c.daph\";\nimport \"c.daph\" as \"d\";\n", "c.daph", ""),
            "{dir}/main.daph:2:1: error: '{dir}/c.daph' is imported twice"),
        Arguments.of(
            "the imports of a module imported a second time",
            Map.of(
                "main.daph", "import \"a.daph\";\nimport \"b.daph\";\n",
                "a.daph", "import \"c.daph\";\n",
                "b.daph", "import \"c.daph\";\n",
                "c.daph", "import \"d.daph\";\n",
                "d.daph", "w = 1;\n"),
            "{dir}/c.daph:1:1: error: '{dir}/d.daph' is imported twice"),
        Arguments.of(
            "an import cycle",
            Map.of(
                "main.daph", "import \"a.daph\";\n",
                "a.daph", "import \"b.daph\";\n",
                "b.daph", "import \"a.daph\";\n"),
            "{dir}/b.daph:1:1: error: '{dir}/a.daph' imports itself"
                + " (directly or through other imports)"),
        Arguments.of(
            "an alias already in use",
            Map.of(
                "main.daph", "import \"a.daph\" as \"m\";\nimport \"b.daph\" as \"m\";\n",
                "a.daph", "",
                "b.daph", ""),
            "{dir}/main.daph:2:1: error: import alias 'm' is already in use"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void theImportRulesRejectWithTheirDiagnostic(
      String what, Map<String, String> files, String diagnostic) throws IOException {
    layout(files);
    ScriptException e = assertThrows(ScriptException.class, this::walk);
    assertEquals(1, e.exitCode());
    assertEquals(
        List.of(diagnostic.replace("{dir}", dir.toString())),
        e.diagnostics().stream().map(Diagnostic::render).toList());
  }

  @Test
  void aSecondFileWithTheSameNameGetsItsFolderInItsPrefix() throws IOException {
    layout(
        Map.of(
            "main.daph", "import \"x/c.daph\";\nimport \"y/c.daph\";\n",
            "x/c.daph", "z = 1;\n",
            "y/c.daph", "z = 2;\n"));
    assertEquals(List.of("c", "y.c"), walk().stream().map(ModuleLoader.Module::prefix).toList());
  }

  @Test
  void aModuleExportsItsOwnNamesUnderItsPrefixAndNotThoseItImported() {
    ModuleLoader.Module m = new ModuleLoader.Module("c", null);
    List<String> seen = new ArrayList<>();
    m.export(Map.of("x", 1, "d.y", 2), (name, v) -> seen.add(name + "=" + v));
    assertEquals(List.of("c.x=1"), seen);
  }
}

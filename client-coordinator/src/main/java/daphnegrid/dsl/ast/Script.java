package daphnegrid.dsl.ast;

import java.nio.file.Path;
import java.util.List;

/** A parsed script file: where it came from and its top-level statements. */
public record Script(Path path, String displayName, List<Stmt> statements) {}

package daphnegrid.sql;

import daphnegrid.kernels.frame.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Entry point: {@link #parse} checks a query (the checker calls it on the constant query text),
 * {@link #run} executes it over the registered views.
 *
 * <p>DAPHNE's SQL differs from standard SQL in its string literals: both {@code '...'} and {@code
 * "..."} are strings, with backslash escapes. Before JSqlParser sees the text, each literal is
 * replaced by a standard single-quoted placeholder of the same length that names its decoded value
 * in {@link Parsed#strings}, so every position in the query stays where it was.
 */
public final class Sql {
  private Sql() {}

  static final char MARK = '\uE000';
  static final char PAD = '\uE001';

  /** A parsed query and the decoded values of its string literals. */
  public record Parsed(Select select, List<String> strings, String text) {}

  /**
   * Queries parsed so far, by text. A script's queries are constants that the checker parses before
   * the run; the run then finds them here instead of parsing again, which on a cold JVM costs
   * several milliseconds a query. Nothing changes a parsed query after parsing (the runner only
   * reads it), so one can serve every run of its text, on any thread.
   */
  private static final Map<String, Parsed> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

  /** At most this many queries are kept; past it the cache starts again empty. */
  static final int MAX_PARSED = 256;

  /** Parses query; throws a {@link SqlError} of kind STATIC for anything but one SELECT. */
  public static Parsed parse(String query) {
    Parsed p = PARSED.get(query);
    if (p == null) {
      p = parseText(query);
      if (PARSED.size() >= MAX_PARSED) {
        PARSED.clear();
      }
      PARSED.put(query, p);
    }
    return p;
  }

  private static Parsed parseText(String query) {
    List<String> strings = new ArrayList<>();
    String text = stripLiterals(query, strings);
    String body = text.stripTrailing();
    if (body.endsWith(";")) {
      body = body.substring(0, body.length() - 1);
    }
    if (body.isBlank()) {
      throw new SqlError(SqlError.Kind.STATIC, 1, 1, "the query is empty");
    }
    Statement st;
    try {
      CCJSqlParser p = new CCJSqlParser(body);
      st = p.Statement();
    } catch (ParseException e) {
      Token t = e.currentToken != null && e.currentToken.next != null ? e.currentToken.next : null;
      String near =
          t == null || t.image == null || t.image.isEmpty() ? "end of query" : "'" + t.image + "'";
      throw new SqlError(
          SqlError.Kind.STATIC,
          t == null ? 1 : Math.max(1, t.beginLine),
          t == null ? 1 : Math.max(1, t.beginColumn),
          "syntax error near " + near);
    } catch (TokenMgrException e) {
      throw new SqlError(SqlError.Kind.STATIC, 1, 1, "syntax error: " + firstLine(e.getMessage()));
    } catch (RuntimeException e) {
      throw new SqlError(SqlError.Kind.STATIC, 1, 1, "syntax error: " + firstLine(e.getMessage()));
    }
    if (!(st instanceof Select select)) {
      throw new SqlError(SqlError.Kind.STATIC, 1, 1, "only SELECT queries are supported");
    }
    return new Parsed(select, List.copyOf(strings), text);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unexpected input";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Executes query over views (view name to frame); pool may be null (one thread). */
  public static Frame run(String query, Map<String, Frame> views, ForkJoinPool pool) {
    return run(query, views, Map.of(), pool);
  }

  /**
   * Executes query over views held here and remote views (read by scans where their rows live, with
   * the query's column-constant WHERE terms and column choice pushed into the scan); a name in
   * remote is not looked up in views.
   */
  public static Frame run(
      String query, Map<String, Frame> views, Map<String, RemoteView> remote, ForkJoinPool pool) {
    long c0 = TIMING ? processCpu() : 0;
    long t0 = TIMING ? System.nanoTime() : 0;
    Parsed p = parse(query);
    long t1 = TIMING ? System.nanoTime() : 0;
    Frame out = new SelectRunner(p, views, remote, pool).run();
    if (TIMING) {
      long t2 = System.nanoTime();
      System.err.printf(
          "sql timing: parse %.1f ms, run %.1f ms, process cpu %.1f ms%n",
          (t1 - t0) / 1e6, (t2 - t1) / 1e6, (processCpu() - c0) / 1e6);
    }
    return out;
  }

  /**
   * With the system property daphnegrid.sql.timing set, each query and the phases of a GROUP BY by
   * partials print their wall times to stderr (for measuring, never in tests).
   */
  static final boolean TIMING = Boolean.getBoolean("daphnegrid.sql.timing");

  /** CPU time of the whole process (all threads: the JIT and the GC too), in ns. */
  private static long processCpu() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  /**
   * Checks query before the script runs, by running it over empty frames of the views' known
   * schemas: throws the {@link SqlError} of kind STATIC (unknown view or column, grouping, types)
   * that the run would throw. Views in opaque are registered with a schema known only at run time;
   * a query that reads one is not checked. Errors that depend on the rows are left to the run.
   */
  public static void check(String query, Map<String, Frame> known, Set<String> opaque) {
    Parsed p = parse(query);
    Map<String, Frame> views =
        new HashMap<>(known) {
          private static final long serialVersionUID = 1L;

          @Override
          public Frame get(Object name) {
            if (opaque.contains(name)) {
              throw new OpaqueView();
            }
            return super.get(name);
          }
        };
    try {
      new SelectRunner(p, views, Map.of(), null).run();
    } catch (SqlError e) {
      if (e.kind() == SqlError.Kind.STATIC) {
        throw e;
      }
    } catch (RuntimeException e) {
      // an opaque view, or a failure that rows decide: the run reports it
    }
  }

  /** Stops a check at a view whose schema is not known before the run. */
  private static final class OpaqueView extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OpaqueView() {
      super(null, null, false, false);
    }
  }

  /**
   * Replaces each DAPHNE string literal ('...' or "...", backslash escapes) by a placeholder of the
   * same length where possible: quote, MARK, the literal's index, PAD characters, quote.
   */
  static String stripLiterals(String q, List<String> out) {
    StringBuilder sb = new StringBuilder(q.length());
    int i = 0, n = q.length();
    while (i < n) {
      char c = q.charAt(i);
      if (c != '\'' && c != '"') {
        sb.append(c);
        i++;
        continue;
      }
      StringBuilder value = new StringBuilder();
      int j = i + 1;
      boolean closed = false;
      while (j < n) {
        char d = q.charAt(j);
        if (d == '\\' && j + 1 < n) {
          char e = q.charAt(j + 1);
          value.append(
              switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                default -> e;
              });
          j += 2;
        } else if (d == c) {
          closed = true;
          break;
        } else {
          value.append(d);
          j++;
        }
      }
      if (!closed) {
        sb.append(q, i, n); // let the parser report the unterminated literal
        break;
      }
      String tag = MARK + Integer.toString(out.size());
      out.add(value.toString());
      int inner = j - i - 1;
      sb.append('\'').append(tag);
      for (int k = tag.length(); k < inner; k++) {
        sb.append(PAD);
      }
      sb.append('\'');
      i = j + 1;
    }
    return sb.toString();
  }

  /** The decoded value of a placeholder literal, or null when text is not one. */
  static String literal(String text, List<String> strings) {
    if (text.isEmpty() || text.charAt(0) != MARK) {
      return null;
    }
    int end = 1;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    return strings.get(Integer.parseInt(text.substring(1, end)));
  }
}

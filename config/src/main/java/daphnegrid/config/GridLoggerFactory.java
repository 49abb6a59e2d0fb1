package daphnegrid.config;

import com.hazelcast.logging.AbstractLogger;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.LogEvent;
import com.hazelcast.logging.LoggerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Hazelcast's {@code hazelcast.logging.class}: loggers that write to {@link GridLogging}'s sink.
 * Hazelcast creates it reflectively, hence public with a no-argument constructor. Unlike JUL, it
 * has no shutdown hook of its own, so the member's shutdown messages are still written.
 */
public final class GridLoggerFactory implements LoggerFactory {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final long PID = ProcessHandle.current().pid();

  private final ConcurrentMap<String, ILogger> loggers = new ConcurrentHashMap<>();
  private final Supplier<GridLogging.Sink> sink;

  /** The factory Hazelcast instantiates: writes to the process's sink. */
  public GridLoggerFactory() {
    this(GridLogging::sink);
  }

  GridLoggerFactory(Supplier<GridLogging.Sink> sink) {
    this.sink = sink;
  }

  @Override
  public ILogger getLogger(String name) {
    return loggers.computeIfAbsent(name, n -> new SinkLogger(n, sink.get()));
  }

  private static final class SinkLogger extends AbstractLogger {
    private final String name;
    private final String shortName;
    private final GridLogging.Sink sink;

    SinkLogger(String name, GridLogging.Sink sink) {
      this.name = name;
      this.shortName = name.substring(name.lastIndexOf('.') + 1);
      this.sink = sink;
    }

    @Override
    public void log(Level level, String message) {
      log(level, message, null);
    }

    @Override
    public void log(Level level, String message, Throwable thrown) {
      if (!sink.accepts(level)) {
        return;
      }
      StringBuilder sb = new StringBuilder(128);
      sb.append(TIME.format(LocalDateTime.now()))
          .append(' ')
          .append(PID)
          .append(' ')
          .append(level.getName())
          .append(" [")
          .append(Thread.currentThread().getName())
          .append("] ")
          .append(shortName)
          .append(": ")
          .append(message)
          .append(System.lineSeparator());
      if (thrown != null) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        sb.append(trace);
      }
      sink.write(sb.toString());
    }

    @Override
    public void log(LogEvent event) {
      LogRecord r = event.getLogRecord();
      log(r.getLevel(), r.getMessage(), r.getThrown());
    }

    @Override
    public Level getLevel() {
      return sink.level;
    }

    @Override
    public boolean isLoggable(Level level) {
      return sink.accepts(level);
    }

    @Override
    public String toString() {
      return "SinkLogger(" + name + ")";
    }
  }
}

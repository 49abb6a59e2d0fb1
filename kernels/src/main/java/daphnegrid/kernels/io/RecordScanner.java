package daphnegrid.kernels.io;

import daphnegrid.kernels.ValueType;
import java.util.List;

/**
 * Follows the bytes of a frame CSV file with the quoting rules of {@link FrameCsvReader}'s parser,
 * without parsing values, to tell where records end: a '"' opens a quoted field only at the start
 * of a str field; inside, {@code ""} and {@code \"} do not close it; after the last column the rest
 * of the line is skipped. Far cheaper than parsing; used to cut a file into ranges that each start
 * at a record.
 */
final class RecordScanner {
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int AFTER_QUOTE = 3;
  private static final int AFTER_BACKSLASH = 4;
  private static final int REST_OF_LINE = 5;

  private final boolean[] str;
  private final int last;
  private int state = FIELD_START;
  private int field;

  /** Records ended so far. */
  long records;

  /** Line breaks seen so far (physical lines, also inside quoted fields). */
  long lines;

  RecordScanner(List<ValueType> types) {
    str = new boolean[types.size()];
    for (int j = 0; j < str.length; j++) {
      str[j] = types.get(j) == ValueType.STR;
    }
    last = str.length - 1;
  }

  /**
   * The bytes up to the next line break belong to the record being read (a scan from within it).
   */
  void skipRestOfLine() {
    state = REST_OF_LINE;
  }

  /** Takes the next byte; true if it ends a record (the next byte starts one). */
  boolean accept(byte c) {
    if (c == '\n') {
      lines++;
    }
    boolean recordEnd = false;
    switch (state) {
      case QUOTED -> {
        if (c == '"') {
          state = AFTER_QUOTE;
        } else if (c == '\\') {
          state = AFTER_BACKSLASH;
        }
      }
      case AFTER_BACKSLASH -> {
        if (c != '\\') {
          state = QUOTED; // the escaped quote, or any other byte
        }
      }
      case REST_OF_LINE -> recordEnd = c == '\n';
      default -> {
        if (state == AFTER_QUOTE && c == '"') {
          state = QUOTED; // a doubled quote
          break;
        }
        if (state == FIELD_START && c == '"' && field <= last && str[field]) {
          state = QUOTED;
          break;
        }
        if (c == '\n') {
          recordEnd = true;
        } else if (c == ',') {
          if (field < last) {
            field++;
            state = FIELD_START;
          } else {
            state = REST_OF_LINE;
          }
        } else {
          state = UNQUOTED;
        }
      }
    }
    if (recordEnd) {
      records++;
      state = FIELD_START;
      field = 0;
    }
    return recordEnd;
  }
}

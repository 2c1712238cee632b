package dev.continuum.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vector file: '#' comment lines, then a header line, then tab-separated rows with exactly the
 * header's columns. Every problem is a {@link UserException} naming the file and line.
 */
final class VectorTable {
  final String file;
  final List<Row> rows;

  private VectorTable(String file, List<Row> rows) {
    this.file = file;
    this.rows = rows;
  }

  /** One row: cells by column name, and where it came from. */
  final class Row {
    final int line;
    private final Map<String, String> cells;

    Row(int line, Map<String, String> cells) {
      this.line = line;
      this.cells = cells;
    }

    String where() {
      return file + ":" + line;
    }

    String get(String column) {
      String v = cells.get(column);
      if (v == null) {
        throw new UserException(where() + ": no column \"" + column + "\" (columns: " + String.join(", ", cells.keySet()) + ")");
      }
      return v;
    }

    long getLong(String column) {
      String v = get(column);
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new UserException(where() + ": column " + column + " is not a number: \"" + v + "\"");
      }
    }

    int getInt(String column) {
      long v = getLong(column);
      if (v != (int) v) {
        throw new UserException(where() + ": column " + column + " is out of range: " + v);
      }
      return (int) v;
    }

    byte[] hex(String column) {
      String v = get(column);
      try {
        return HexFormat.of().parseHex(v);
      } catch (IllegalArgumentException e) {
        throw new UserException(where() + ": column " + column + " is not hex: \"" + v + "\"");
      }
    }
  }

  static VectorTable read(Path path) throws IOException {
    String file = path.getFileName().toString();
    List<Row> rows = new ArrayList<>();
    VectorTable table = new VectorTable(file, rows);
    String text;
    try {
      text = Input.text(path, Input.MAX_SERVER_LINE_BYTES);
    } catch (dev.continuum.ServerList.FormatException e) {
      throw new UserException(file + e.getMessage().substring(e.source().length())); // rows name the file alone
    }
    try (BufferedReader in = new BufferedReader(new java.io.StringReader(text))) {
      String[] header = null;
      int number = 0;
      for (String line; (line = in.readLine()) != null; ) {
        number++;
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (header == null) {
          header = cells;
          continue;
        }
        if (cells.length != header.length) {
          throw new UserException(file + ":" + number + ": expected " + header.length + " tab-separated columns, got "
              + cells.length);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
          m.put(header[i], cells[i]);
        }
        rows.add(table.new Row(number, m));
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new UserException(file + ": not UTF-8 text");
    }
    return table;
  }
}

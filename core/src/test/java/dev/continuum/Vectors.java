package dev.continuum;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the vector files copied from {@code shared/vectors} into test resources ({@code /vectors/}):
 * '#' comment lines, then a header line, then tab-separated rows. Shared with other modules' tests
 * through the core test-jar.
 */
public final class Vectors {
  private Vectors() {}

  /** One row, by column name. */
  public static final class Row {
    private final Map<String, String> fields;
    private final int line;

    Row(Map<String, String> fields, int line) {
      this.fields = fields;
      this.line = line;
    }

    public String get(String column) {
      String v = fields.get(column);
      if (v == null) {
        throw new IllegalArgumentException("no column " + column + " in " + fields.keySet());
      }
      return v;
    }

    public int getInt(String column) {
      return Integer.parseInt(get(column));
    }

    public long getLong(String column) {
      return Long.parseLong(get(column));
    }

    /** The key's bytes, from the authoritative {@code key_hex} column. */
    public byte[] keyBytes() {
      return HexFormat.of().parseHex(get("key_hex"));
    }

    public String key() {
      return new String(keyBytes(), StandardCharsets.UTF_8);
    }

    public int line() {
      return line;
    }

    @Override
    public String toString() {
      return "line " + line + " " + fields;
    }
  }

  /** All rows of {@code /vectors/<name>}. */
  public static List<Row> read(String name) {
    String path = "/vectors/" + name;
    try (InputStream in = Vectors.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + path);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String[] header = null;
      List<Row> rows = new ArrayList<>();
      int number = 0;
      for (String line; (line = r.readLine()) != null; ) {
        number++;
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (header == null) {
          header = cells;
          continue;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
          m.put(header[i], i < cells.length ? cells[i] : "");
        }
        rows.add(new Row(m, number));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rows grouped by {@code config_id}, in file order. */
  public static Map<String, List<Row>> byConfig(List<Row> rows) {
    Map<String, List<Row>> m = new LinkedHashMap<>();
    for (Row row : rows) {
      m.computeIfAbsent(row.get("config_id"), k -> new ArrayList<>()).add(row);
    }
    return m;
  }
}

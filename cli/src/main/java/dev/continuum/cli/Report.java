package dev.continuum.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A command's result (summary values, tables, notes) printed in one of the output formats.
 *
 * <ul>
 *   <li>text: for people; summary lines, aligned tables, notes.
 *   <li>tsv, csv: one table (the first, or the one chosen), with a header row, so that every row
 *       has the same columns; the summary, the notes and the other tables' names as leading
 *       {@code #} lines. In tsv a tab, CR, LF or backslash in a value is escaped ({@code \t},
 *       {@code \r}, {@code \n}, {@code \\}).
 *   <li>json: one object: the summary fields, {@code notes}, and each table as an array of objects.
 * </ul>
 * Fractions are printed as percentages in text and as plain fractions (0..1) in the other formats.
 * Every name in tsv, csv and json is snake_case; a missing value is empty in tsv and csv, {@code null}
 * in json and {@code -} in text.
 */
final class Report {
  enum Format { text, tsv, json, csv }

  /** How a value is shown. */
  enum Kind { TEXT, INT, FRACTION, RATIO, NUMBER }

  private static final class Entry {
    final String key;
    final String label;
    final Kind kind;
    final Object value;

    Entry(String key, String label, Kind kind, Object value) {
      this.key = key;
      this.label = label;
      this.kind = kind;
      this.value = value;
    }
  }

  /** A table: named columns of one kind each, and rows of values. */
  static final class Table {
    final String name;
    /** The text format's column headers. */
    final String[] columns;
    /** The snake_case names of the columns in tsv, csv and json. */
    final String[] keys;
    final Kind[] kinds;
    final List<Object[]> rows = new ArrayList<>();
    /** Rows beyond this are left out of the text format (with a line saying how many). */
    int textLimit = Integer.MAX_VALUE;

    /** Columns are text headers, {@code "header|key"} where the snake_case key is not derived from the header. */
    Table(String name, String[] columns, Kind[] kinds) {
      this.name = name;
      this.columns = new String[columns.length];
      this.keys = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        int bar = columns[i].indexOf('|');
        this.columns[i] = bar < 0 ? columns[i] : columns[i].substring(0, bar);
        this.keys[i] = bar < 0 ? snake(columns[i]) : columns[i].substring(bar + 1);
      }
      this.kinds = kinds;
    }

    /** "share/ideal" is share_over_ideal, "weight before" weight_before. */
    static String snake(String header) {
      return header.toLowerCase(Locale.ROOT).replace("/", "_over_").replaceAll("[^a-z0-9]+", "_")
          .replaceAll("^_|_$", "");
    }

    Table row(Object... values) {
      rows.add(values);
      return this;
    }
  }

  private final String title;
  private final List<Entry> summary = new ArrayList<>();
  private final List<Table> tables = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Report(String title) {
    this.title = title;
  }

  Report put(String key, String label, Kind kind, Object value) {
    summary.add(new Entry(key, label, kind, value));
    return this;
  }

  Report note(String note) {
    notes.add(note);
    return this;
  }

  Table table(String name, String[] columns, Kind[] kinds) {
    Table t = new Table(name, columns, kinds);
    tables.add(t);
    return t;
  }

  void print(PrintWriter out, Format format) {
    print(out, format, null);
  }

  /**
   * Prints the report; in tsv and csv only table {@code table} (the first when null).
   *
   * @throws UserException when there is no table of that name
   */
  void print(PrintWriter out, Format format, String table) {
    Table chosen = tables.isEmpty() ? null : tables.get(0);
    if (table != null) {
      chosen = tables.stream().filter(t -> t.name.equals(table)).findFirst().orElseThrow(() -> new UserException(
          "--table " + table + ": no such table; the tables are " + String.join(", ", tableNames())));
    }
    switch (format) {
      case json: printJson(out); break;
      case tsv: printDelimited(out, '\t', chosen); break;
      case csv: printDelimited(out, ',', chosen); break;
      default: printText(out);
    }
    out.flush();
  }

  private void printText(PrintWriter out) {
    out.println(title);
    int width = 0;
    for (Entry e : summary) {
      width = Math.max(width, e.label.length());
    }
    for (Entry e : summary) {
      out.println("  " + pad(e.label + ":", width + 1, false) + " " + text(e.kind, e.value));
    }
    for (Table t : tables) {
      out.println();
      int shown = Math.min(t.rows.size(), t.textLimit);
      int[] w = new int[t.columns.length];
      String[][] cells = new String[shown][];
      for (int c = 0; c < w.length; c++) {
        w[c] = t.columns[c].length();
      }
      for (int r = 0; r < shown; r++) {
        cells[r] = new String[w.length];
        for (int c = 0; c < w.length; c++) {
          cells[r][c] = text(t.kinds[c], t.rows.get(r)[c]);
          w[c] = Math.max(w[c], cells[r][c].length());
        }
      }
      StringBuilder h = new StringBuilder();
      for (int c = 0; c < w.length; c++) {
        h.append(c == 0 ? "" : "  ").append(pad(t.columns[c], w[c], t.kinds[c] != Kind.TEXT));
      }
      out.println(h.toString().stripTrailing());
      for (String[] row : cells) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < w.length; c++) {
          b.append(c == 0 ? "" : "  ").append(pad(row[c], w[c], t.kinds[c] != Kind.TEXT));
        }
        out.println(b.toString().stripTrailing());
      }
      if (shown < t.rows.size()) {
        out.println(String.format("... %,d more rows (all of them with --format tsv, csv or json)", t.rows.size() - shown));
      }
    }
    if (!notes.isEmpty()) {
      out.println();
      for (String n : notes) {
        out.println("Note: " + n);
      }
    }
  }

  private List<String> tableNames() {
    List<String> names = new ArrayList<>();
    tables.forEach(t -> names.add(t.name));
    return names;
  }

  private void printDelimited(PrintWriter out, char sep, Table t) {
    out.println("# " + title);
    for (Entry e : summary) {
      out.println("# " + e.key + ": " + raw(e.value));
    }
    for (String n : notes) {
      out.println("# note: " + n);
    }
    if (t == null) {
      return;
    }
    if (tables.size() > 1) {
      List<String> others = tableNames();
      others.remove(t.name);
      out.println("# table: " + t.name + " (also: " + String.join(", ", others) + "; choose with --table NAME)");
    }
    out.println(join(t.keys, sep));
    for (Object[] row : t.rows) {
      String[] cells = new String[row.length];
      for (int c = 0; c < row.length; c++) {
        cells[c] = raw(row[c]);
      }
      out.println(join(cells, sep));
    }
  }

  /**
   * One row of {@code cells}: tab-separated with tab, CR, LF and backslash escaped, or
   * comma-separated with RFC 4180 quoting.
   */
  static String join(String[] cells, char sep) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i];
      if (sep == ',' && (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0)) {
        c = "\"" + c.replace("\"", "\"\"") + "\""; // RFC 4180
      } else if (sep == '\t') {
        c = c.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
      }
      b.append(i == 0 ? "" : String.valueOf(sep)).append(c);
    }
    return b.toString();
  }

  private void printJson(PrintWriter out) {
    StringBuilder b = new StringBuilder("{\n  \"title\": ").append(Json.string(title));
    for (Entry e : summary) {
      b.append(",\n  ").append(Json.string(e.key)).append(": ").append(json(e.value));
    }
    b.append(",\n  \"notes\": [");
    for (int i = 0; i < notes.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(Json.string(notes.get(i)));
    }
    b.append(']');
    for (Table t : tables) {
      b.append(",\n  ").append(Json.string(t.name)).append(": [");
      for (int r = 0; r < t.rows.size(); r++) {
        b.append(r == 0 ? "\n    {" : ",\n    {");
        for (int c = 0; c < t.columns.length; c++) {
          b.append(c == 0 ? "" : ", ").append(Json.string(t.keys[c])).append(": ").append(json(t.rows.get(r)[c]));
        }
        b.append('}');
      }
      b.append(t.rows.isEmpty() ? "]" : "\n  ]");
    }
    out.println(b.append("\n}"));
  }

  private static String pad(String s, int width, boolean right) {
    if (s.length() >= width) {
      return s;
    }
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }

  static String text(Kind kind, Object v) {
    if (v == null || (v instanceof Double && ((Double) v).isNaN())) {
      return "-";
    }
    switch (kind) {
      case INT: return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
      case FRACTION: return percent(((Number) v).doubleValue());
      case RATIO: return String.format(Locale.ROOT, "%.3f", ((Number) v).doubleValue());
      case NUMBER: return String.format(Locale.ROOT, "%.1f", ((Number) v).doubleValue());
      default: return v.toString();
    }
  }

  /** A fraction as a percentage with 4 significant digits or 3 decimals, whichever is shorter. */
  static String percent(double f) {
    double p = f * 100;
    return String.format(Locale.ROOT, p >= 10 || p == 0 ? "%.2f%%" : "%.3f%%", p);
  }

  private static String raw(Object v) {
    if (v == null || (v instanceof Double && ((Double) v).isNaN())) {
      return "";
    }
    if (v instanceof Double) {
      return plain((Double) v);
    }
    return v.toString();
  }

  /** A double to 12 significant digits, so float noise (0.1 + 0.2) does not reach the output. */
  private static String plain(double v) {
    if (v == 0 || Double.isInfinite(v)) {
      return v == 0 ? "0" : Double.toString(v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString();
  }

  private static String json(Object v) {
    if (v == null || (v instanceof Double && (((Double) v).isNaN() || ((Double) v).isInfinite()))) {
      return "null";
    }
    if (v instanceof Double) {
      return plain((Double) v);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return Json.string(v.toString());
  }
}

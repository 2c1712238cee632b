package dev.continuum.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A minimal writer of self-contained SVG documents (no scripts, no external fonts or images). */
final class Svg {
  static final String[] PALETTE = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#ad494a", "#637939", "#7b4173", "#3182bd", "#e6550d",
    "#31a354", "#756bb1", "#636363", "#969696"
  };

  private final StringBuilder b = new StringBuilder();
  final int width;
  final int height;

  Svg(int width, int height) {
    this.width = width;
    this.height = height;
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
  }

  Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
    b.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(Math.max(0, w)))
        .append("\" height=\"").append(n(Math.max(0, h))).append("\" fill=\"").append(fill).append('"');
    if (tooltip != null) {
      b.append("><title>").append(escape(tooltip)).append("</title></rect>\n");
    } else {
      b.append("/>\n");
    }
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, boolean dashed) {
    b.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
        .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
        .append(n(strokeWidth)).append('"').append(dashed ? " stroke-dasharray=\"5,3\"" : "").append("/>\n");
    return this;
  }

  Svg polyline(double[] xs, double[] ys, String stroke, double strokeWidth) {
    b.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(strokeWidth))
        .append("\" points=\"");
    for (int i = 0; i < xs.length; i++) {
      b.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
    }
    b.append("\"/>\n");
    return this;
  }

  Svg circle(double x, double y, double r, String fill, String tooltip) {
    b.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"").append(n(r))
        .append("\" fill=\"").append(fill).append("\"><title>").append(escape(tooltip == null ? "" : tooltip))
        .append("</title></circle>\n");
    return this;
  }

  /** Text; {@code anchor} is start, middle or end; {@code rotate} in degrees about (x, y). */
  Svg text(double x, double y, String s, String anchor, int size, double rotate, boolean bold) {
    b.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
        .append("\" font-size=\"").append(size).append('"').append(bold ? " font-weight=\"bold\"" : "");
    if (rotate != 0) {
      b.append(" transform=\"rotate(").append(n(rotate)).append(' ').append(n(x)).append(' ').append(n(y)).append(")\"");
    }
    b.append('>').append(escape(s)).append("</text>\n");
    return this;
  }

  void write(Path file) throws IOException {
    Files.writeString(file, toString(), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return b + "</svg>\n";
  }

  private static String n(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** A "nice" step (1, 2 or 5 times a power of ten) giving about {@code ticks} ticks up to {@code max}. */
  static double niceStep(double max, int ticks) {
    if (max <= 0) {
      return 1;
    }
    double raw = max / ticks;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double r = raw / mag;
    return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
  }
}

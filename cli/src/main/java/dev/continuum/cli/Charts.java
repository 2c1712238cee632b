package dev.continuum.cli;

import dev.continuum.Server;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The charts of {@code balance}, {@code plan} and {@code compare}. Few servers get one labelled bar
 * (or pair of bars) each; many servers are aggregated into bars sorted by value, so a chart stays
 * readable with 3 or with 1,000 servers.
 */
final class Charts {
  /** Up to this many servers, one labelled bar each; above, sorted unlabelled bars. */
  static final int LABELLED = 48;
  private static final String SHARE = "#4c78a8";
  private static final String KEPT = "#9db4cf";
  private static final String LOST = "#e45756";
  private static final String GAINED = "#54a24b";
  private static final String IDEAL = "#222222";

  private Charts() {}

  /** The plot area and its y scale. */
  private static final class Plot {
    final double left;
    final double top;
    final double width;
    final double height;
    final double min;
    final double max;
    final boolean log;

    Plot(double left, double top, double width, double height, double min, double max, boolean log) {
      this.left = left;
      this.top = top;
      this.width = width;
      this.height = height;
      this.min = min;
      this.max = max;
      this.log = log;
    }

    double y(double v) {
      double f = log ? (Math.log10(Math.max(v, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
          : (v - min) / (max - min);
      return top + height - f * height;
    }

    /** Draws the y axis with gridlines and labels, and the x axis line. */
    void axes(Svg svg, DoubleFunction<String> label, String yTitle) {
      List<Double> ticks = new ArrayList<>();
      if (log) {
        for (double t = Math.pow(10, Math.floor(Math.log10(min))); t <= max * 1.0001; t *= 10) {
          if (t >= min * 0.9999) {
            ticks.add(t);
          }
        }
      } else {
        double step = Svg.niceStep(max - min, 5);
        for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
          ticks.add(t);
        }
      }
      for (double t : ticks) {
        double y = y(t);
        svg.line(left, y, left + width, y, "#e0e0e0", 1, false);
        svg.text(left - 6, y + 4, label.apply(t), "end", 11, 0, false);
      }
      svg.line(left, top, left, top + height, "#333", 1, false);
      svg.line(left, top + height, left + width, top + height, "#333", 1, false);
      svg.text(left - 62, top + height / 2, yTitle, "middle", 12, -90, false);
    }
  }

  private static String pct(double fraction) {
    double p = fraction * 100;
    if (p == 0) {
      return "0%";
    }
    return String.format(Locale.ROOT, p >= 10 ? "%.0f%%" : p >= 1 ? "%.1f%%" : p >= 0.1 ? "%.2f%%" : "%.3f%%", p);
  }

  private static void legend(Svg svg, double x, double y, String[] labels, String[] colors, boolean[] lines) {
    double cx = x;
    for (int i = 0; i < labels.length; i++) {
      if (lines != null && lines[i]) {
        svg.line(cx, y - 4, cx + 16, y - 4, colors[i], 3, false);
      } else {
        svg.rect(cx, y - 11, 14, 12, colors[i], null);
      }
      svg.text(cx + 20, y, labels[i], "start", 12, 0, false);
      cx += 34 + labels[i].length() * 7;
    }
  }

  private static final double LEFT = 92;
  private static final double TOP = 70;

  /** A 480-pixel-high chart with its title and subtitle, room for the y axis on the left. */
  private static Svg frame(int width, String title, String subtitle) {
    Svg svg = new Svg(width, 480);
    svg.text(width / 2.0, 24, title, "middle", 16, 0, true);
    svg.text(width / 2.0, 44, subtitle, "middle", 12, 0, false);
    return svg;
  }

  /** At most this many bars: beyond, each bar is the mean of consecutive servers (a pixel or so each). */
  static final int MAX_BARS = 1000;

  private static int perBar(int n) {
    return (n + MAX_BARS - 1) / MAX_BARS;
  }

  private static String binNote(int n) {
    return perBar(n) == 1 ? "" : " (each bar: the mean of " + perBar(n) + ")";
  }

  /** A plot from 0 to a little above {@code max} with its axes drawn, y labelled as shares of keys. */
  private static Plot sharePlot(Svg svg, double plotW, double plotH, double max) {
    double step = Svg.niceStep(max * 1.1, 5);
    Plot p = new Plot(LEFT, TOP, plotW, plotH, 0, Math.ceil(max * 1.1 / step) * step, false);
    p.axes(svg, Charts::pct, "share of keys");
    return p;
  }

  /** Share per server with the ideal marked; sorted share/ideal bars when there are many servers. */
  static Svg balance(List<Server> servers, double[] share, double[] ideal, String title, String subtitle) {
    int n = servers.size();
    boolean labelled = n <= LABELLED;
    Svg svg = frame(labelled ? Math.max(640, 120 + n * 28) : 960, title, subtitle);
    double plotW = svg.width - LEFT - 30;
    double plotH = labelled ? 260 : 300;
    if (labelled) {
      double max = 0;
      for (int i = 0; i < n; i++) {
        max = Math.max(max, Math.max(share[i], ideal[i]));
      }
      Plot p = sharePlot(svg, plotW, plotH, max);
      double slot = plotW / n;
      for (int i = 0; i < n; i++) {
        double x = LEFT + i * slot;
        double bw = slot * 0.7;
        String name = servers.get(i).hostPort();
        svg.rect(x + slot * 0.15, p.y(share[i]), bw, p.y(0) - p.y(share[i]), SHARE,
            name + ": " + Report.percent(share[i]) + " (ideal " + Report.percent(ideal[i]) + ")");
        svg.line(x + slot * 0.05, p.y(ideal[i]), x + slot * 0.95, p.y(ideal[i]), IDEAL, 2.5, false);
        svg.text(x + slot / 2, TOP + plotH + 14, name, "end", 11, -40, false);
      }
      legend(svg, LEFT, svg.height - 16, new String[] {"share of keys", "ideal share (by weight)"},
          new String[] {SHARE, IDEAL}, new boolean[] {false, true});
    } else {
      double[] ratio = new double[n];
      double max = 1;
      for (int i = 0; i < n; i++) {
        ratio[i] = ideal[i] > 0 ? share[i] / ideal[i] : 0;
        max = Math.max(max, ratio[i]);
      }
      double[] sorted = ratio.clone();
      Arrays.sort(sorted);
      Plot p = new Plot(LEFT, TOP, plotW, plotH, 0, Math.ceil(max * 1.1 * 4) / 4, false);
      p.axes(svg, t -> String.format(Locale.ROOT, "%.2f", t), "share / ideal share");
      double bw = plotW / n;
      int per = perBar(n);
      for (int i = 0; i < n; i += per) {
        double v = 0;
        int m = Math.min(per, n - i);
        for (int j = i; j < i + m; j++) {
          v += sorted[n - 1 - j] / m;
        }
        svg.rect(LEFT + i * bw, p.y(v), Math.max(bw * m, 0.6), p.y(0) - p.y(v), SHARE, null);
      }
      svg.line(LEFT, p.y(1), LEFT + plotW, p.y(1), IDEAL, 2, true);
      for (int k = 0; k <= 4; k++) {
        int rank = k == 0 ? 1 : k * n / 4;
        svg.text(LEFT + (rank - 0.5) * bw, TOP + plotH + 16, Integer.toString(rank), "middle", 11, 0, false);
      }
      svg.text(LEFT + plotW / 2, TOP + plotH + 36, n + " servers, most loaded first (rank)" + binNote(n), "middle", 12, 0, false);
      legend(svg, LEFT, svg.height - 16, new String[] {"server's share / its ideal share", "ideal (1.0)"},
          new String[] {SHARE, IDEAL}, new boolean[] {false, true});
    }
    return svg;
  }

  /** Before and after bars (kept, lost, gained) per server; net change sorted when many. */
  static Svg plan(Measure.Moves moves, String title, String subtitle) {
    List<Server> servers = moves.servers;
    int n = servers.size();
    boolean labelled = n <= LABELLED;
    Svg svg = frame(labelled ? Math.max(760, 120 + n * 40) : 960, title, subtitle);
    double plotW = svg.width - LEFT - 30;
    double plotH = labelled ? 260 : 300;
    if (labelled) {
      double max = 0;
      for (int i = 0; i < n; i++) {
        max = Math.max(max, Math.max(moves.before(i), moves.after(i)));
      }
      Plot p = sharePlot(svg, plotW, plotH, max);
      double slot = plotW / n;
      for (int i = 0; i < n; i++) {
        double x = LEFT + i * slot;
        double bw = slot * 0.36;
        double kept = moves.kept(i);
        String name = servers.get(i).hostPort();
        double lost = moves.lost(i);
        double gained = moves.gained(i);
        svg.rect(x + slot * 0.1, p.y(kept), bw, p.y(0) - p.y(kept), KEPT, name + " before: kept " + Report.percent(kept));
        svg.rect(x + slot * 0.1, p.y(kept + lost), bw, p.y(kept) - p.y(kept + lost), LOST, name + ": lost " + Report.percent(lost));
        svg.rect(x + slot * 0.54, p.y(kept), bw, p.y(0) - p.y(kept), KEPT, name + " after: kept " + Report.percent(kept));
        svg.rect(x + slot * 0.54, p.y(kept + gained), bw, p.y(kept) - p.y(kept + gained), GAINED,
            name + ": gained " + Report.percent(gained));
        svg.text(x + slot * 0.28, TOP + plotH + 12, "B", "middle", 9, 0, false);
        svg.text(x + slot * 0.72, TOP + plotH + 12, "A", "middle", 9, 0, false);
        svg.text(x + slot / 2, TOP + plotH + 26, name, "end", 11, -40, false);
      }
      legend(svg, LEFT, svg.height - 16, new String[] {"kept", "moved away (B = before)", "moved in (A = after)"},
          new String[] {KEPT, LOST, GAINED}, null);
    } else {
      // Many servers: one thin stacked bar each, most keys after first: kept and gained above zero
      // (together the share after), lost below.
      Integer[] order = new Integer[n];
      double maxUp = 0;
      double maxDown = 0;
      for (int i = 0; i < n; i++) {
        order[i] = i;
        maxUp = Math.max(maxUp, moves.after(i));
        maxDown = Math.max(maxDown, moves.lost(i));
      }
      Arrays.sort(order, Comparator.comparingDouble(i -> -moves.after(i)));
      double step = Svg.niceStep((maxUp + maxDown) * 1.1, 6);
      Plot p = new Plot(LEFT, TOP, plotW, plotH, -Math.ceil(maxDown * 1.05 / step) * step,
          Math.max(step, Math.ceil(maxUp * 1.05 / step) * step), false);
      p.axes(svg, Charts::pct, "share of keys");
      double bw = plotW / n;
      int per = perBar(n);
      for (int k = 0; k < n; k += per) {
        int m = Math.min(per, n - k);
        double kept = 0;
        double gained = 0;
        double lost = 0;
        for (int j = k; j < k + m; j++) {
          kept += moves.kept(order[j]) / m;
          gained += moves.gained(order[j]) / m;
          lost += moves.lost(order[j]) / m;
        }
        double x = LEFT + k * bw;
        double w = Math.max(bw * m, 0.6);
        svg.rect(x, p.y(kept), w, p.y(0) - p.y(kept), KEPT, null);
        svg.rect(x, p.y(kept + gained), w, p.y(kept) - p.y(kept + gained), GAINED, null);
        svg.rect(x, p.y(0), w, p.y(-lost) - p.y(0), LOST, null);
      }
      svg.line(LEFT, p.y(0), LEFT + plotW, p.y(0), "#333", 1, false);
      svg.text(LEFT + plotW / 2, TOP + plotH + 22, n + " servers, most keys after the change first" + binNote(n), "middle", 12, 0, false);
      legend(svg, LEFT, svg.height - 16, new String[] {"kept", "moved in", "moved away (below zero)"},
          new String[] {KEPT, GAINED, LOST}, null);
    }
    return svg;
  }

  /** One metric of {@code compare}: a value per algorithm and fleet size. */
  static final class Series {
    final String name;
    final double[] values;

    Series(String name, double[] values) {
      this.name = name;
      this.values = values;
    }
  }

  /** Small multiples: one panel per metric, one line per algorithm over the fleet sizes. */
  static Svg compare(int[] sizes, String[] metrics, List<List<Series>> panels, boolean[] logY, String title, String subtitle) {
    int cols = 2;
    int rows = (metrics.length + cols - 1) / cols;
    int panelW = 440;
    int panelH = 250;
    List<String> algorithms = new ArrayList<>();
    for (List<Series> panel : panels) {
      for (Series s : panel) {
        if (!algorithms.contains(s.name)) {
          algorithms.add(s.name);
        }
      }
    }
    int legendRows = (algorithms.size() + 3) / 4;
    int width = cols * panelW + 40;
    int height = 70 + rows * panelH + 30 + legendRows * 20;
    Svg svg = new Svg(width, height);
    svg.text(width / 2.0, 24, title, "middle", 16, 0, true);
    svg.text(width / 2.0, 44, subtitle, "middle", 12, 0, false);
    for (int m = 0; m < metrics.length; m++) {
      double ox = 20 + (m % cols) * panelW;
      double oy = 60 + (m / cols) * panelH;
      double left = ox + 75;
      double top = oy + 25;
      double w = panelW - 100;
      double h = panelH - 75;
      double min = Double.MAX_VALUE;
      double max = 0;
      for (Series s : panels.get(m)) {
        for (double v : s.values) {
          if (!Double.isNaN(v) && (!logY[m] || v > 0)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
      }
      if (max == 0) {
        max = 1;
      }
      if (min == Double.MAX_VALUE) {
        min = logY[m] ? max / 10 : 0;
      }
      Plot p = logY[m]
          ? new Plot(left, top, w, h, Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max * 1.0001))), true)
          : new Plot(left, top, w, h, 0, Math.ceil(max * 1.1 / Svg.niceStep(max * 1.1, 5)) * Svg.niceStep(max * 1.1, 5), false);
      svg.text(left + w / 2, oy + 14, metrics[m], "middle", 13, 0, true);
      p.axes(svg, Charts::number, "");
      double[] xs = new double[sizes.length];
      for (int k = 0; k < sizes.length; k++) {
        xs[k] = sizes.length == 1 ? left + w / 2 : left + w * k / (sizes.length - 1.0);
        svg.text(xs[k], top + h + 16, String.format(Locale.ROOT, "%,d", sizes[k]), "middle", 11, 0, false);
      }
      svg.text(left + w / 2, top + h + 32, "servers (N)", "middle", 11, 0, false);
      for (Series s : panels.get(m)) {
        String color = Svg.PALETTE[algorithms.indexOf(s.name) % Svg.PALETTE.length];
        List<double[]> pts = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
          double v = s.values[k];
          if (!Double.isNaN(v) && (!logY[m] || v > 0)) {
            pts.add(new double[] {xs[k], p.y(v)});
            svg.circle(xs[k], p.y(v), 3.5, color, s.name + ", N=" + sizes[k] + ": " + number(v));
          }
        }
        svg.polyline(pts.stream().mapToDouble(a -> a[0]).toArray(), pts.stream().mapToDouble(a -> a[1]).toArray(), color, 2);
      }
    }
    double ly = 60 + rows * panelH + 20;
    for (int i = 0; i < algorithms.size(); i++) {
      double x = 40 + (i % 4) * ((width - 60) / 4.0);
      double y = ly + (i / 4) * 20;
      String color = Svg.PALETTE[i % Svg.PALETTE.length];
      svg.line(x, y - 4, x + 18, y - 4, color, 3, false);
      svg.text(x + 24, y, algorithms.get(i), "start", 12, 0, false);
    }
    return svg;
  }

  static String number(double v) {
    double a = Math.abs(v);
    if (a >= 1e9) {
      return trim(String.format(Locale.ROOT, "%.3g", v / 1e9)) + "G";
    }
    if (a >= 1e6) {
      return trim(String.format(Locale.ROOT, "%.3g", v / 1e6)) + "M";
    }
    if (a >= 1e4) {
      return trim(String.format(Locale.ROOT, "%.3g", v / 1e3)) + "k";
    }
    if (a >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return trim(String.format(Locale.ROOT, "%.3g", v));
  }

  /** Drops trailing zeros after a decimal point: 10.0 to 10, 0.0100 to 0.01. */
  private static String trim(String s) {
    return s.indexOf('.') < 0 || s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}

package im.meerkat.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of a run's per-second CSV, drawn with XChart next to the CSV: latency percentiles
 * over time ({@code NAME-latency.png}), what was sent and received each second
 * ({@code NAME-throughput.png}), completed logins or messages so far ({@code NAME-total.png},
 * the sessions held in {@code idle}), and for the server's CSV its RSS and CPU
 * ({@code NAME-rss.png}, {@code NAME-cpu.png}). {@code bin/meerkat-load chart --csv FILE} draws
 * them again.
 */
final class Charts {

    private Charts() {
    }

    static void run(Options options) throws IOException {
        String file = options.text("csv", null);
        if (file == null) {
            throw new IllegalArgumentException("chart needs --csv FILE");
        }
        draw(Path.of(file));
    }

    /** Draws the charts of {@code csv}; a chart that cannot be drawn is reported, not fatal. */
    static void draw(Path csv) {
        System.setProperty("java.awt.headless", "true");
        try {
            List<String> lines = Files.readAllLines(csv);
            if (lines.size() < 2) {
                return;
            }
            List<String> header = Arrays.asList(lines.get(0).split(","));
            double[][] columns = new double[header.size()][lines.size() - 1];
            for (int row = 1; row < lines.size(); row++) {
                String[] fields = lines.get(row).split(",");
                for (int c = 0; c < header.size(); c++) {
                    columns[c][row - 1] = c < fields.length ? Double.parseDouble(fields[c]) : Double.NaN;
                }
            }
            String name = csv.getFileName().toString().replaceFirst("\\.csv$", "");
            double[] time = columns[header.indexOf("time")];
            List<Path> written = new ArrayList<>();
            if (header.contains("p99_ms")) {
                written.add(save(csv, name + "-latency", chart(name + ": latency per second", "ms", time,
                        header, columns, "p50_ms", "p99_ms")));
                written.add(save(csv, name + "-throughput", chart(name + ": per second", "count", time,
                        header, columns, "sent", "received", "errors")));
                double[] total = columns[header.indexOf("received")].clone();
                for (int i = 1; i < total.length; i++) {
                    total[i] += total[i - 1];
                }
                XYChart totals = base(name + ": completed so far", "count");
                add(totals, "received (sum)", time, total);
                written.add(save(csv, name + "-total", totals));
            }
            if (header.contains("rss_mib")) {
                written.add(save(csv, name + "-rss", chart(name + ": server RSS", "MiB", time, header, columns,
                        "rss_mib")));
                written.add(save(csv, name + "-cpu", chart(name + ": server CPU (100 = one core)", "%", time,
                        header, columns, "cpu_pct")));
            }
            System.out.println("charts: " + written);
        } catch (IOException | RuntimeException e) {
            System.out.println("no charts for " + csv + ": " + e);
        }
    }

    private static XYChart chart(String title, String unit, double[] time, List<String> header,
            double[][] columns, String... series) {
        XYChart chart = base(title, unit);
        for (String s : series) {
            add(chart, s, time, columns[header.indexOf(s)]);
        }
        return chart;
    }

    private static XYChart base(String title, String unit) {
        XYChart chart = new XYChartBuilder().width(900).height(420).title(title)
                .xAxisTitle("seconds").yAxisTitle(unit).build();
        chart.getStyler().setMarkerSize(3);
        return chart;
    }

    /** Adds a series without its NaN points (seconds in which nothing came back). */
    private static void add(XYChart chart, String name, double[] x, double[] y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            xs.add(0.0);
            ys.add(0.0);
        }
        chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
    }

    private static Path save(Path csv, String name, XYChart chart) throws IOException {
        Path png = csv.resolveSibling(name + ".png");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return png;
    }
}

package vn.hailong.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's charts, drawn on the server with JFreeChart as PNG (twice the printed resolution), each with its 95 %
 * intervals: the monthly trend as a line in its band, and indices of elements or units as a point on its interval.
 * The axis runs to 100 from a round number below the lowest interval, never stretched over a few points.
 */
final class Charts {
    private static final Color INK = new Color(0x1f, 0x2a, 0x44);
    private static final Color BAND = new Color(0x9c, 0xb4, 0xd8);
    private static final Color POINT = new Color(0x0b, 0x4f, 0x9c);
    private static final Font FONT = font();

    private Charts() {
    }

    /** The trend: each month's index in its 95 % band; withheld months left out. */
    static String trend(Wording w, List<Report.MonthPoint> months, int width, int height) {
        var series = new YIntervalSeries(w.t("Chỉ số (KTC 95 %)", "Index (95 % CI)"));
        var labels = new String[months.size()];
        double lowest = 100;
        for (int i = 0; i < months.size(); i++) {
            var m = months.get(i);
            labels[i] = w.month(m.month());
            if (m.index() != null) {
                series.add(i, m.index().value(), m.index().low(), m.index().high());
                lowest = Math.min(lowest, m.index().low());
            }
        }
        var data = new YIntervalSeriesCollection();
        data.addSeries(series);
        var x = new SymbolAxis(null, labels);
        x.setVerticalTickLabels(true);
        var y = new NumberAxis(w.t("Chỉ số (điểm)", "Index (points)"));
        y.setRange(floor(lowest), 100);
        var renderer = new DeviationRenderer(true, true);
        var plot = new XYPlot(data, x, y, renderer);
        var chart = chart(plot, true);
        renderer.setSeriesPaint(0, POINT);
        renderer.setSeriesFillPaint(0, BAND);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        renderer.setAlpha(0.6f);
        return png(chart, width, height);
    }

    /** Indices (elements or units) as points on their 95 % intervals, one row each, in the order given. */
    static String intervals(Wording w, List<String> names, List<Report.Figure> figures, int width, int height) {
        int n = names.size();
        var low = new Number[1][n];
        var high = new Number[1][n];
        var points = new DefaultCategoryDataset();
        double lowest = 100;
        var keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = names.get(i);
        }
        for (int i = 0; i < n; i++) {
            var f = figures.get(i);
            low[0][i] = f.low();
            high[0][i] = f.high();
            points.addValue(f.value(), w.t("Chỉ số", "Index"), keys[i]);
            lowest = Math.min(lowest, f.low());
        }
        var intervals = new DefaultIntervalCategoryDataset(new String[] {w.t("KTC 95 %", "95 % CI")}, keys, low, high);
        var bars = new IntervalBarRenderer();
        var axis = new CategoryAxis();
        axis.setMaximumCategoryLabelWidthRatio(0.5f);
        var y = new NumberAxis(w.t("Chỉ số (điểm)", "Index (points)"));
        y.setRange(floor(lowest), 100);
        var plot = new CategoryPlot(intervals, axis, y, bars);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        var dots = new LineAndShapeRenderer(false, true);
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        var chart = chart(plot, true);
        bars.setSeriesPaint(0, BAND);
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setMaximumBarWidth(0.5);
        bars.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        dots.setSeriesPaint(0, POINT);
        dots.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        return png(chart, width, height);
    }

    private static JFreeChart chart(org.jfree.chart.plot.Plot plot, boolean legend) {
        var chart = new JFreeChart(null, FONT, plot, legend);
        var theme = new StandardChartTheme("report");
        theme.setExtraLargeFont(FONT.deriveFont(16f));
        theme.setLargeFont(FONT.deriveFont(13f));
        theme.setRegularFont(FONT.deriveFont(12f));
        theme.setSmallFont(FONT.deriveFont(11f));
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        theme.setRangeGridlinePaint(new Color(0xcc, 0xcc, 0xcc));
        theme.setAxisLabelPaint(INK);
        theme.setTickLabelPaint(INK);
        theme.setLegendItemPaint(INK);
        theme.setShadowVisible(false);
        theme.apply(chart);
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setPosition(RectangleEdge.BOTTOM);
            l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }

    /** The chart as a PNG data URI, drawn at twice the size it is printed at. */
    private static String png(JFreeChart chart, int width, int height) {
        var image = chart.createBufferedImage(width * 2, height * 2, width, height, null);
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** The axis' lower end: a multiple of 10 at least 5 points below the lowest interval, 0 at the least. */
    private static double floor(double lowest) {
        return Math.max(0, Math.floor((lowest - 5) / 10) * 10);
    }

    private static Font font() {
        try (var in = Charts.class.getResourceAsStream(ReportPdf.FONTS + "DejaVuSerif.ttf")) {
            return Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(12f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("the report's font cannot be read", e);
        }
    }
}

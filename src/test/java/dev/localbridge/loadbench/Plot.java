package dev.localbridge.loadbench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** load.png: first-token lag (p50) and tokens/s a stream (p50) against concurrency, one line per contender. */
final class Plot {
    private static final Color[] COLOURS = {new Color(0x33, 0x33, 0x33), new Color(0x1f, 0x77, 0xb4),
        new Color(0xd6, 0x27, 0x28)};
    private Plot() {
    }

    static void write(List<LevelResult> results, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        LogAxis streams = new LogAxis("concurrent streams");
        streams.setBase(2);
        streams.setNumberFormatOverride(new DecimalFormat("0"));
        streams.setAutoTickUnitSelection(false);
        streams.setTickUnit(new NumberTickUnit(1)); // one tick per power of two
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(streams);
        LogAxis lag = new LogAxis("first-token lag p50 (ms, log)");
        lag.setNumberFormatOverride(new DecimalFormat("0.##"));
        XYPlot lags = plot(results, lag, r -> r.firstTokenLag().p50());
        NumberAxis rate = new NumberAxis("tokens/s a stream (p50)");
        rate.setAutoRangeIncludesZero(false);
        XYPlot rates = plot(results, rate, LevelResult::streamTokensPerSecondP50);
        rates.setFixedLegendItems(new LegendItemCollection());
        combined.add(lags, 1);
        combined.add(rates, 1);
        JFreeChart chart = new JFreeChart("Load: direct vs Local Bridge vs claude-code-router",
                JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 700);
    }

    private static XYPlot plot(List<LevelResult> results, ValueAxis axis,
                               ToDoubleFunction<LevelResult> value) {
        XYSeriesCollection data = new XYSeriesCollection();
        results.stream().map(LevelResult::contender).distinct().forEach(contender -> {
            XYSeries series = new XYSeries(contender);
            results.stream().filter(r -> r.contender().equals(contender) && !Double.isNaN(value.applyAsDouble(r)))
                    .forEach(r -> series.add(r.concurrency(), value.applyAsDouble(r)));
            data.addSeries(series);
        });
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
        }
        return new XYPlot(data, null, axis, renderer);
    }
}

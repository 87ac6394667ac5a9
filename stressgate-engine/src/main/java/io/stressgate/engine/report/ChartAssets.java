package io.stressgate.engine.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The scripts a self-contained report inlines: Chart.js's UMD build from the webjar on the classpath, and our
 * chart views ({@code stressgate-charts.js}), which the service and the plugin serve as a file too.
 */
public final class ChartAssets {
    /** Where the chart views lie on the classpath, for hosts that serve them as a static file. */
    static final String CHARTS_RESOURCE = "/io/stressgate/engine/report/stressgate-charts.js";
    private static final String WEBJAR = "/META-INF/resources/webjars/chart.js/";
    private static final String WEBJAR_POM = "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private final String chartJs;
    private final String charts;

    private ChartAssets(String chartJs, String charts) {
        this.chartJs = chartJs;
        this.charts = charts;
    }

    /** Reads both scripts from the classpath; fails with the missing path when the webjar or our script is absent. */
    public static ChartAssets load() {
        String version = webjarVersion();
        String chartJs = withoutSourceMap(read(WEBJAR + version + "/dist/chart.umd.js"));
        return new ChartAssets(chartJs, read(CHARTS_RESOURCE));
    }

    public String chartJs() {
        return chartJs;
    }

    public String charts() {
        return charts;
    }

    private static String webjarVersion() {
        Properties pom = new Properties();
        try (InputStream in = ChartAssets.class.getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("Chart.js webjar (org.webjars.npm:chart.js) is not on the classpath: "
                        + WEBJAR_POM + " is missing");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WEBJAR_POM, e);
        }
        return pom.getProperty("version");
    }

    private static String read(String resource) {
        try (InputStream in = ChartAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    /** Drops the source-map comment: the report is opened offline and must not ask for anything. */
    private static String withoutSourceMap(String script) {
        return script.replaceAll("(?m)^//# sourceMappingURL=.*$", "");
    }
}

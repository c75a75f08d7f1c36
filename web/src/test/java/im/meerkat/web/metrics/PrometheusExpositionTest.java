package im.meerkat.web.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import java.util.regex.Pattern;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

/**
 * What {@link MetricsServlet} serves: the Prometheus text format 0.0.4, with the JVM's base
 * metrics (memory, GC) present once the base registry exists.
 */
class PrometheusExpositionTest {

    private static final Pattern SAMPLE =
            Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)");

    @Test
    void everyLineIsACommentOrASample() {
        String text = exportWithBase();
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("# HELP ") && !line.startsWith("# TYPE ")) {
                assertTrue(SAMPLE.matcher(line).matches(), "not a sample line: " + line);
            }
        }
    }

    @Test
    void jvmMemoryAndGcAreInTheBaseScope() {
        String text = exportWithBase();
        assertTrue(text.contains("memory_usedHeap_bytes{mp_scope=\"base\""), text);
        assertTrue(text.contains("gc_total{"), text);
    }

    private static String exportWithBase() {
        SharedMetricRegistries.getOrCreate(MetricRegistry.BASE_SCOPE);
        return new PrometheusMetricsExporter().exportAllScopes();
    }
}

package im.meerkat.web.metrics;

import im.meerkat.server.config.Settings;
import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * {@code GET /metrics}: every registry (base, vendor, application) as Prometheus text, written by
 * SmallRye Metrics' exporter. Reading gauges is cheap (see docs/METRICS.md); nothing here touches
 * a selector thread.
 */
@WebServlet(urlPatterns = "/metrics", loadOnStartup = 1)
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The Prometheus text exposition format (the exporter itself says only text/plain). */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private transient MetricsAccess access;
    private transient PrometheusMetricsExporter exporter;

    @Override
    public void init() {
        access = new MetricsAccess(Settings::lookup);
        // The base registry holds the JVM's memory, GC, thread and class-loading metrics.
        SharedMetricRegistries.getOrCreate(MetricRegistry.BASE_SCOPE);
        new DatasourcePool().register(SharedMetricRegistries.getOrCreate(MetricRegistry.APPLICATION_SCOPE));
        exporter = new PrometheusMetricsExporter();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!access.allows(request.getRemoteAddr())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "metrics are served on the loopback interface only");
            return;
        }
        byte[] body = exporter.exportAllScopes().getBytes(StandardCharsets.UTF_8);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

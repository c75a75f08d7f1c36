package im.meerkat.web.metrics;

import java.lang.management.ManagementFactory;
import javax.management.AttributeNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Gauges of the datasource pool ({@code MeerkatDS}), read at each scrape from WildFly's pool
 * statistics as its JMX facade shows them ({@code statistics-enabled=true} on the datasource,
 * set by configure-datasource.cli). When the statistics are off or absent a gauge reads NaN.
 */
final class DatasourcePool {

    static final String OBJECT_NAME = "jboss.as:subsystem=datasources,data-source=MeerkatDS,statistics=pool";

    private final MBeanServer server;
    private final ObjectName pool;

    DatasourcePool(MBeanServer server) {
        this.server = server;
        try {
            this.pool = new ObjectName(OBJECT_NAME);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    DatasourcePool() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    void register(MetricRegistry registry) {
        gauge(registry, "meerkat_db_pool_in_use", "database connections in use", "inUseCount");
        gauge(registry, "meerkat_db_pool_available", "database connections the pool can still hand out",
                "availableCount");
        gauge(registry, "meerkat_db_pool_waiting", "requests waiting for a database connection", "waitCount");
    }

    private void gauge(MetricRegistry registry, String name, String description, String attribute) {
        Metadata meta = Metadata.builder().withName(name).withDescription(description)
                .withUnit(MetricUnits.NONE).build();
        registry.gauge(meta, this, p -> p.read(attribute));
    }

    /**
     * The attribute's value, or NaN when the pool or its statistics are not there. The JMX facade
     * names attributes in camel case; the capitalized spelling of the model is tried second.
     */
    double read(String attribute) {
        try {
            return number(server.getAttribute(pool, attribute));
        } catch (AttributeNotFoundException e) {
            try {
                return number(server.getAttribute(pool, Character.toUpperCase(attribute.charAt(0))
                        + attribute.substring(1)));
            } catch (JMException | RuntimeException again) {
                return Double.NaN;
            }
        } catch (JMException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}

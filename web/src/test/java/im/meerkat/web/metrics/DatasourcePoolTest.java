package im.meerkat.web.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The pool gauges read WildFly's statistics through JMX (either spelling), and NaN when there are none. */
class DatasourcePoolTest {

    /** Stands for WildFly's pool statistics resource. */
    public interface PoolStatsMBean {
        int getInUseCount();
    }

    public static class PoolStats implements PoolStatsMBean {
        @Override
        public int getInUseCount() {
            return 7;
        }
    }

    @Test
    void withoutThePoolEveryGaugeIsNaN() {
        MBeanServer server = javax.management.MBeanServerFactory.newMBeanServer();
        assertTrue(Double.isNaN(new DatasourcePool(server).read("inUseCount")));
    }

    @Test
    void theStatisticsAttributeIsRead() throws Exception {
        MBeanServer server = javax.management.MBeanServerFactory.newMBeanServer();
        server.registerMBean(new PoolStats(), new ObjectName(DatasourcePool.OBJECT_NAME));
        assertEquals(7.0, new DatasourcePool(server).read("inUseCount"));
        assertTrue(Double.isNaN(new DatasourcePool(server).read("noSuchAttribute")));
    }
}

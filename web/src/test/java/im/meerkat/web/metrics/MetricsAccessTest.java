package im.meerkat.web.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsAccessTest {

    private final MetricsAccess loopbackOnly = new MetricsAccess(Map.<String, String>of()::get);

    @Test
    void loopbackClientsMayRead() {
        assertTrue(loopbackOnly.allows("127.0.0.1"));
        assertTrue(loopbackOnly.allows("127.0.0.2"));
        assertTrue(loopbackOnly.allows("0:0:0:0:0:0:0:1"));
        assertTrue(loopbackOnly.allows("::1"));
    }

    @Test
    void otherClientsMayNotByDefault() {
        assertFalse(loopbackOnly.allows("192.0.2.7"));
        assertFalse(loopbackOnly.allows("2001:db8::1"));
        assertFalse(loopbackOnly.allows(null));
        assertFalse(loopbackOnly.allows(""));
        // a name is never resolved, not even "localhost"
        assertFalse(loopbackOnly.allows("localhost"));
    }

    @Test
    void theSettingOpensItToEveryone() {
        MetricsAccess open = new MetricsAccess(Map.of(MetricsAccess.REMOTE, "true")::get);
        assertTrue(open.allows("192.0.2.7"));
    }

    @Test
    void aValueThatIsNotABooleanIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MetricsAccess(Map.of(MetricsAccess.REMOTE, "yes")::get));
        assertTrue(e.getMessage().contains(MetricsAccess.REMOTE), e.getMessage());
    }
}

package im.meerkat.web.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.Function;

/**
 * Who may read {@code /metrics}: clients on the loopback interface always, others only when the
 * setting {@value #REMOTE} is {@code true} (then restrict it at the network or with a security
 * constraint, see docs/METRICS.md). The page needs no login, so it reveals nothing by default.
 */
final class MetricsAccess {

    /** Setting (system property, or MEERKAT_METRICS_REMOTE) that opens /metrics to any address. */
    static final String REMOTE = "meerkat.metrics.remote";

    private final boolean remote;

    MetricsAccess(Function<String, String> settings) {
        String value = settings.apply(REMOTE);
        if (value == null || value.isBlank()) {
            remote = false;
        } else {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException(REMOTE + " must be true or false, not '" + value + "'");
            }
            remote = v.equals("true");
        }
    }

    /** Whether a client at this address (as the servlet container reports it) may read. */
    boolean allows(String address) {
        if (remote) {
            return true;
        }
        if (address == null || address.isEmpty() || !isLiteral(address)) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Only literal addresses: a host name must never cause a DNS lookup here. */
    private static boolean isLiteral(String address) {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            boolean ok = Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%' || c == '[' || c == ']';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

package im.meerkat.connector.rar.bytestreams;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The proxy's switch and limits, from system properties or environment variables ({@code
 * meerkat.proxy65.enabled} or {@code MEERKAT_PROXY65_ENABLED}; docs/CONFIGURATION.md). Checked
 * once here.
 *
 * @param enabled whether the node runs the proxy
 * @param maxPairs streams (pending or relaying) at the same time; a CONNECT for one more is
 *     refused
 * @param idleTimeout how long a pair may go without a byte moving (before activation too)
 * @param maxBytes bytes relayed per stream, both directions together; 0 for no limit
 * @param bufferBytes bytes read from one party and not yet written to the other
 */
public record BytestreamSettings(boolean enabled, int maxPairs, Duration idleTimeout,
        long maxBytes, int bufferBytes) {

    public static final int DEFAULT_PORT = 7777;

    public BytestreamSettings {
        if (maxPairs < 1) {
            throw new IllegalArgumentException("maxPairs must be positive: " + maxPairs);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be 0 or positive: " + maxBytes);
        }
        if (bufferBytes < 1024) {
            throw new IllegalArgumentException("bufferBytes must be at least 1024: "
                    + bufferBytes);
        }
    }

    /** The defaults: on, 100 pairs, 60 s idle, no size limit, 32 KiB buffers. */
    public static BytestreamSettings defaults() {
        return new BytestreamSettings(true, 100, Duration.ofSeconds(60), 0, 32 * 1024);
    }

    /** From {@code meerkat.proxy65.*} settings, looked up by property name. */
    public static BytestreamSettings from(UnaryOperator<String> settings) {
        BytestreamSettings d = defaults();
        return new BytestreamSettings(
                Boolean.parseBoolean(value(settings, "enabled", String.valueOf(d.enabled()))),
                Integer.parseInt(value(settings, "max-pairs", String.valueOf(d.maxPairs()))),
                Duration.ofSeconds(Long.parseLong(value(settings, "idle-timeout-seconds",
                        String.valueOf(d.idleTimeout().toSeconds())))),
                Long.parseLong(value(settings, "max-bytes", String.valueOf(d.maxBytes()))),
                d.bufferBytes());
    }

    /** From system properties, else environment variables. */
    public static BytestreamSettings fromEnvironment() {
        return from(name -> {
            String value = System.getProperty(name);
            return value != null ? value
                    : System.getenv(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_')
                            .replace('-', '_'));
        });
    }

    private static String value(UnaryOperator<String> settings, String key, String fallback) {
        String value = settings.apply("meerkat.proxy65." + key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}

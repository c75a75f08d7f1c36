package im.meerkat.server.offline;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.function.Function;

/**
 * Settings of offline storage, read like {@link im.meerkat.server.config.ServerConfig}: a system
 * property, else the environment variable of the same name in upper case with underscores.
 */
@ApplicationScoped
public class OfflineSettings {

    public static final int DEFAULT_LIMIT = 1000;

    private final int limit;

    public OfflineSettings() {
        this(OfflineSettings::lookup);
    }

    /** For tests: settings from any source, by property name. */
    public OfflineSettings(Function<String, String> settings) {
        String value = settings.apply("meerkat.offline.limit");
        int parsed = DEFAULT_LIMIT;
        if (value != null && !value.isBlank()) {
            try {
                parsed = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("meerkat.offline.limit is not a number: " + value, e);
            }
        }
        if (parsed < 0) {
            throw new IllegalArgumentException("meerkat.offline.limit must not be negative: " + parsed);
        }
        this.limit = parsed;
    }

    /** Stored messages per account ({@code MEERKAT_OFFLINE_LIMIT}, default 1000; 0 stores none). */
    public int limit() {
        return limit;
    }

    private static String lookup(String property) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
}

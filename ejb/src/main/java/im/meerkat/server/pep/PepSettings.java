package im.meerkat.server.pep;

import im.meerkat.server.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.function.Function;

/**
 * Settings of PEP, read like {@link im.meerkat.server.config.ServerConfig}: a system property,
 * else the environment variable of the same name in upper case with underscores for dots and
 * dashes. docs/CONFIGURATION.md lists them.
 */
@ApplicationScoped
public class PepSettings {

    public static final String MAX_PAYLOAD_BYTES = "meerkat.pep.max-payload-bytes";
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final String MAX_ITEMS = "meerkat.pep.max-items";
    public static final int DEFAULT_MAX_ITEMS = 1000;

    private final int maxPayloadBytes;
    private final int maxItems;

    public PepSettings() {
        this(Settings::lookup);
    }

    /** For tests: settings from any source, by property name. */
    public PepSettings(Function<String, String> settings) {
        this.maxPayloadBytes = Settings.integer(settings, MAX_PAYLOAD_BYTES,
                DEFAULT_MAX_PAYLOAD_BYTES, 1, Integer.MAX_VALUE);
        this.maxItems = Settings.integer(settings, MAX_ITEMS, DEFAULT_MAX_ITEMS, 1,
                Integer.MAX_VALUE);
    }

    /**
     * The largest item payload accepted, in UTF-8 bytes of the payload element as the server
     * serializes it ({@code MEERKAT_PEP_MAX_PAYLOAD_BYTES}, default 65536).
     */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * The most items one node keeps, which {@code pubsub#max_items} {@code max} stands for
     * ({@code MEERKAT_PEP_MAX_ITEMS}, default 1000).
     */
    public int maxItems() {
        return maxItems;
    }

    /** Reads the settings when the application starts, so that a bad value stops the deployment. */
    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the constructor has checked them
    }
}

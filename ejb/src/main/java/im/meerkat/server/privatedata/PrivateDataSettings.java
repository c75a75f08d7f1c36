package im.meerkat.server.privatedata;

import im.meerkat.server.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.function.Function;

/**
 * Settings of private XML storage, read like {@link im.meerkat.server.config.ServerConfig}: a
 * system property, else the environment variable of the same name in upper case with
 * underscores for dots and dashes. docs/CONFIGURATION.md lists them.
 */
@ApplicationScoped
public class PrivateDataSettings {

    public static final String MAX_BYTES = "meerkat.private.max-bytes";
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    private final int maxBytes;

    public PrivateDataSettings() {
        this(Settings::lookup);
    }

    /** For tests: settings from any source, by property name. */
    public PrivateDataSettings(Function<String, String> settings) {
        this.maxBytes = Settings.integer(settings, MAX_BYTES, DEFAULT_MAX_BYTES, 1, Integer.MAX_VALUE);
    }

    /**
     * The largest chunk accepted, in UTF-8 bytes of its element as the server serializes it
     * ({@code MEERKAT_PRIVATE_MAX_BYTES}, default 65536).
     */
    public int maxBytes() {
        return maxBytes;
    }


    /** Reads the settings when the application starts, so that a bad value stops the deployment. */
    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the constructor has checked them
    }

}

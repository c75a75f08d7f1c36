package im.meerkat.server.sasl;

import im.meerkat.server.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * The SCRAM setting (RFC 5802, RFC 7677), read like {@link im.meerkat.server.config.ServerConfig}:
 * a system property, else the environment variable of the same name in upper case with
 * underscores. docs/CONFIGURATION.md lists it.
 */
@ApplicationScoped
public class ScramSettings {

    private final int scramIterations;

    public ScramSettings() {
        this(Settings::lookup);
    }

    /** For tests: settings from any source, by property name. */
    public ScramSettings(Function<String, String> settings) {
        this.scramIterations = Settings.integer(settings, "meerkat.scram.iterations",
                ScramKeys.MIN_ITERATIONS, ScramKeys.MIN_ITERATIONS, 10_000_000);
    }

    /** PBKDF2 iterations for new SCRAM keys ({@code MEERKAT_SCRAM_ITERATIONS}, default 4096). */
    public int iterations() {
        return scramIterations;
    }

}

package im.meerkat.server.sasl;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
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
        this(ScramSettings::lookup);
    }

    /** For tests: settings from any source, by property name. */
    public ScramSettings(Function<String, String> settings) {
        String value = settings.apply("meerkat.scram.iterations");
        int iterations = ScramKeys.MIN_ITERATIONS;
        if (value != null && !value.isBlank()) {
            try {
                iterations = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("meerkat.scram.iterations is not a number: " + value, e);
            }
        }
        if (iterations < ScramKeys.MIN_ITERATIONS || iterations > 10_000_000) {
            throw new IllegalArgumentException("meerkat.scram.iterations must be between "
                    + ScramKeys.MIN_ITERATIONS + " and 10000000, not " + iterations);
        }
        this.scramIterations = iterations;
    }

    /** PBKDF2 iterations for new SCRAM keys ({@code MEERKAT_SCRAM_ITERATIONS}, default 4096). */
    public int iterations() {
        return scramIterations;
    }

    private static String lookup(String property) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
}

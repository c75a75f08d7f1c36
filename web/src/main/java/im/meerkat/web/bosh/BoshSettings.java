package im.meerkat.web.bosh;

import im.meerkat.web.websocket.AllowedOrigins;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * The limits of the BOSH connection manager (XEP-0124 §7.2), read once at start from system
 * properties ({@code meerkat.bosh.wait}) or environment variables ({@code MEERKAT_BOSH_WAIT}).
 * A client asks for {@code wait} and {@code hold}; it gets at most these. docs/WEB.md lists them.
 */
@ApplicationScoped
public class BoshSettings {

    private final Duration maxWait;
    private final int maxHold;
    private final Duration inactivity;
    private final Duration maxPause;
    private final Duration polling;
    private final int maxBodyBytes;
    private final int maxQueued;
    private final AllowedOrigins origins;
    private final String forwardUrl;

    public BoshSettings() {
        this(BoshSettings::lookup);
    }

    /** For tests: settings from any source, by property name. */
    public BoshSettings(Function<String, String> settings) {
        this.maxWait = Duration.ofSeconds(number(settings, "meerkat.bosh.wait", 60, 1));
        this.maxHold = (int) number(settings, "meerkat.bosh.hold", 1, 0);
        this.inactivity = Duration.ofSeconds(number(settings, "meerkat.bosh.inactivity", 60, 1));
        this.maxPause = Duration.ofSeconds(number(settings, "meerkat.bosh.maxpause", 120, 0));
        this.polling = Duration.ofSeconds(number(settings, "meerkat.bosh.polling", 2, 0));
        this.maxBodyBytes = (int) number(settings, "meerkat.bosh.body-limit", 256 * 1024 + 8 * 1024, 1024);
        this.maxQueued = (int) number(settings, "meerkat.bosh.queue", 1000, 1);
        this.origins = AllowedOrigins.parse(settings.apply("meerkat.bosh.origins"));
        String forward = settings.apply("meerkat.bosh.forward-url");
        this.forwardUrl = forward == null || forward.isBlank() ? null : forward.trim();
    }

    /** The longest a request is held (the session's {@code wait} is at most this). */
    public Duration maxWait() {
        return maxWait;
    }

    /** The most requests held at once (the session's {@code hold} is at most this). */
    public int maxHold() {
        return maxHold;
    }

    /** How long a session lives with no request held ({@code inactivity}). */
    public Duration inactivity() {
        return inactivity;
    }

    /** The longest {@code pause} a client may ask for ({@code maxpause}, §12). */
    public Duration maxPause() {
        return maxPause;
    }

    /** The shortest time between two empty requests of a polling session ({@code polling}, §11). */
    public Duration polling() {
        return polling;
    }

    /** The largest request body; a larger one gets HTTP 413. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Elements waiting for a request before the client counts as too slow. */
    public int maxQueued() {
        return maxQueued;
    }

    /** Web origins whose pages may use BOSH (CORS), default all. */
    public AllowedOrigins origins() {
        return origins;
    }

    /**
     * Where the other nodes of the cluster send the requests of this node's sessions
     * ({@code http://host:port/http-bind}), or null for the default: this node's bind address
     * and HTTP port.
     */
    public String forwardUrl() {
        return forwardUrl;
    }

    private static long number(Function<String, String> settings, String name, long fallback, long min) {
        String value = settings.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + value, e);
        }
    }

    private static String lookup(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value;
    }
}

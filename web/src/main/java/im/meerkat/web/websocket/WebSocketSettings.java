package im.meerkat.web.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * The settings of the WebSocket transport, read once at start like the server's others: a system
 * property ({@code meerkat.websocket.origins}) or else the environment variable
 * ({@code MEERKAT_WEBSOCKET_ORIGINS}). docs/WEB.md lists them.
 */
@ApplicationScoped
public class WebSocketSettings {

    private final AllowedOrigins origins;
    private final String seeOtherUri;
    private final Duration pingInterval;
    private final int maxQueuedMessages;
    private final Duration sendTimeout;

    public WebSocketSettings() {
        this(WebSocketSettings::lookup);
    }

    /** For tests: settings from any source, by property name. */
    public WebSocketSettings(Function<String, String> settings) {
        this.origins = AllowedOrigins.parse(settings.apply("meerkat.websocket.origins"));
        String uri = settings.apply("meerkat.websocket.see-other-uri");
        this.seeOtherUri = uri == null || uri.isBlank() ? null : uri.trim();
        this.pingInterval = Duration.ofSeconds(number(settings, "meerkat.websocket.ping", 30, 0));
        this.maxQueuedMessages = (int) number(settings, "meerkat.websocket.queue", 1000, 1);
        this.sendTimeout = Duration.ofSeconds(number(settings, "meerkat.websocket.send-timeout", 30, 1));
    }

    /** Origins whose pages may connect ({@code meerkat.websocket.origins}, default all). */
    public AllowedOrigins origins() {
        return origins;
    }

    /**
     * Where new streams are sent instead of being served here (RFC 7395 §3.6.1), or null
     * ({@code meerkat.websocket.see-other-uri}).
     */
    public String seeOtherUri() {
        return seeOtherUri;
    }

    /** Between WebSocket pings; zero disables them ({@code meerkat.websocket.ping}, seconds, default 30). */
    public Duration pingInterval() {
        return pingInterval;
    }

    /** Messages waiting to be written before a client counts as too slow ({@code meerkat.websocket.queue}). */
    public int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    /** How long one message may take to be written ({@code meerkat.websocket.send-timeout}, seconds). */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    static long number(Function<String, String> settings, String name, long fallback, long min) {
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

    static String lookup(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value;
    }
}

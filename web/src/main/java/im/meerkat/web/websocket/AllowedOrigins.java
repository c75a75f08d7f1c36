package im.meerkat.web.websocket;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The web origins (RFC 6454) whose pages may open XMPP streams: {@code *} for any, or a
 * comma-separated list such as {@code https://chat.example.org,https://example.org}. A request
 * without an {@code Origin} header comes from no browser page and is allowed; the check only stops
 * other sites' pages from driving a stream with a visitor's browser (RFC 6455 §10.2).
 */
public final class AllowedOrigins {

    private final Set<String> origins;
    private final boolean any;

    private AllowedOrigins(Set<String> origins, boolean any) {
        this.origins = origins;
        this.any = any;
    }

    /** Parses a setting; blank or {@code *} allows every origin. */
    public static AllowedOrigins parse(String setting) {
        if (setting == null || setting.isBlank() || setting.trim().equals("*")) {
            return new AllowedOrigins(Set.of(), true);
        }
        Set<String> list = Arrays.stream(setting.split(","))
                .map(AllowedOrigins::normalize)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new AllowedOrigins(list, list.contains("*"));
    }

    /** Whether a request with this {@code Origin} header (null when absent) may proceed. */
    public boolean allows(String origin) {
        return any || origin == null || origins.contains(normalize(origin));
    }

    public boolean allowsAny() {
        return any;
    }

    /** Origins compare by scheme, host and port, case-insensitively, without a trailing slash. */
    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    @Override
    public String toString() {
        return any ? "*" : String.join(",", origins);
    }
}

package im.meerkat.server.config;

import im.meerkat.xmpp.jid.Jid;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The server's settings, read once at start. Each setting is a system property
 * ({@code meerkat.domain}) or, when that is absent, an environment variable ({@code
 * MEERKAT_DOMAIN}); docs/CONFIGURATION.md lists them all.
 */
@ApplicationScoped
public class ServerConfig {

    private final Set<String> domains;
    private final Set<Jid> admins;
    private final boolean inBandRegistration;
    private final boolean tlsRequired;

    public ServerConfig() {
        this(Settings::lookup);
    }

    /** For tests: settings from any source, by property name ({@code meerkat.domain}). */
    public ServerConfig(Function<String, String> settings) {
        String domainList = orDefault(settings.apply("meerkat.domain"), "localhost");
        this.domains = split(domainList).stream()
                .map(d -> Jid.domain(d).domain())
                .collect(Collectors.toUnmodifiableSet());
        this.admins = split(orDefault(settings.apply("meerkat.admins"), "")).stream()
                .map(a -> Jid.of(a).bare())
                .collect(Collectors.toUnmodifiableSet());
        this.inBandRegistration = Boolean.parseBoolean(orDefault(settings.apply("meerkat.registration"), "false"));
        this.tlsRequired = Boolean.parseBoolean(orDefault(settings.apply("meerkat.tls.required"), "true"));
    }

    /** The XMPP domains this server serves ({@code MEERKAT_DOMAIN}, comma-separated; default {@code localhost}). */
    public Set<String> domains() {
        return domains;
    }

    public boolean serves(String domain) {
        return domain != null && domains.contains(domain.toLowerCase(Locale.ROOT));
    }

    /** Bare JIDs allowed to run the XEP-0133 commands ({@code MEERKAT_ADMINS}). */
    public Set<Jid> admins() {
        return admins;
    }

    public boolean isAdmin(Jid jid) {
        return jid != null && admins.contains(jid.bare());
    }

    /** In-band registration, XEP-0077 ({@code MEERKAT_REGISTRATION}, default false). */
    public boolean inBandRegistration() {
        return inBandRegistration;
    }

    /** Whether c2s streams must be encrypted before SASL ({@code MEERKAT_TLS_REQUIRED}, default true). */
    public boolean tlsRequired() {
        return tlsRequired;
    }


    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static Set<String> split(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}

package im.meerkat.server.upload;

import im.meerkat.server.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The settings of HTTP File Upload (XEP-0363), read once at start from system properties
 * ({@code meerkat.upload.max-file-size}) or environment variables
 * ({@code MEERKAT_UPLOAD_MAX_FILE_SIZE}); docs/CONFIGURATION.md lists them. The XMPP service and
 * the web module's PUT and GET both read them, so they agree on the directory, the secret and
 * the limits.
 */
@ApplicationScoped
public class UploadSettings {

    private static final int DEFAULT_HTTPS_PORT = 8443;

    private final boolean enabled;
    private final long maxFileSize;
    private final Path directory;
    private final String baseUrl;
    private final int httpsPort;
    private final Duration slotLifetime;
    private final Duration retention;
    private final String secret;

    public UploadSettings() {
        this(Settings::lookup);
    }

    /** For tests: settings from any source, by property name. */
    public UploadSettings(Function<String, String> settings) {
        this.enabled = Boolean.parseBoolean(orDefault(settings.apply("meerkat.upload.enabled"), "true"));
        this.maxFileSize = Settings.integer(settings, "meerkat.upload.max-file-size", 10 * 1024 * 1024,
                1, Integer.MAX_VALUE - 1);
        String dir = settings.apply("meerkat.upload.dir");
        this.directory = dir != null && !dir.isBlank() ? Path.of(dir.trim())
                : Path.of(orDefault(System.getProperty("jboss.server.data.dir"), "."), "upload");
        String url = settings.apply("meerkat.upload.url");
        this.baseUrl = url == null || url.isBlank() ? null : stripSlash(url.trim());
        this.httpsPort = DEFAULT_HTTPS_PORT + Settings.integer(
                name -> System.getProperty("jboss.socket.binding.port-offset"),
                "jboss.socket.binding.port-offset", 0, 0, 65535 - DEFAULT_HTTPS_PORT);
        this.slotLifetime = Duration.ofSeconds(Settings.integer(settings,
                "meerkat.upload.slot-lifetime", 300, 1, 86_400));
        this.retention = Duration.ofDays(Settings.integer(settings,
                "meerkat.upload.retention-days", 30, 0, 36_500));
        String configured = settings.apply("meerkat.upload.secret");
        this.secret = configured == null || configured.isBlank() ? null : configured.trim();
    }

    /** Whether {@code upload.<domain>} is offered ({@code meerkat.upload.enabled}, default true). */
    public boolean enabled() {
        return enabled;
    }

    /** The largest file, bytes ({@code meerkat.upload.max-file-size}, default 10 MiB). */
    public long maxFileSize() {
        return maxFileSize;
    }

    /** Where files are kept ({@code meerkat.upload.dir}, default {@code <data dir>/upload}). */
    public Path directory() {
        return directory;
    }

    /**
     * The URL under which the web module serves {@code /upload} for a domain's users: {@code
     * meerkat.upload.url} when set, else {@code https://<domain>:<8443 + port offset>/upload}.
     */
    public String baseUrl(String domain) {
        return baseUrl != null ? baseUrl : "https://" + domain + ":" + httpsPort + "/upload";
    }

    /** How long a slot may be used for its PUT ({@code meerkat.upload.slot-lifetime}, 300 s). */
    public Duration slotLifetime() {
        return slotLifetime;
    }

    /**
     * How long an uploaded file is kept ({@code meerkat.upload.retention-days}, default 30);
     * zero keeps files until removed by hand.
     */
    public Duration retention() {
        return retention;
    }

    /** The slot-signing secret when configured ({@code meerkat.upload.secret}), else null. */
    public String secret() {
        return secret;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package im.meerkat.server.stream;

import im.meerkat.server.config.Settings;
import java.time.Duration;
import java.util.function.Function;

/**
 * Settings of stream management (XEP-0198): how long a session whose connection was lost waits
 * for a resumption, and how many unacknowledged stanzas a session may hold.
 *
 * @param resumeTimeout {@code MEERKAT_SM_RESUME_TIMEOUT} in seconds, default 300; zero disables
 *     resumption (acknowledgements still work)
 * @param maxUnacked {@code MEERKAT_SM_MAX_UNACKED}, default 1000: past it the stream ends with
 *     {@code <policy-violation/>}
 * @param ackRequestEvery the server asks for an acknowledgement ({@code <r/>}) after this many
 *     stanzas sent since its last request
 */
public record SmSettings(Duration resumeTimeout, int maxUnacked, int ackRequestEvery) {

    public static final int DEFAULT_RESUME_TIMEOUT = 300;
    public static final int DEFAULT_MAX_UNACKED = 1000;
    static final int ACK_REQUEST_EVERY = 5;

    public SmSettings {
        if (resumeTimeout.isNegative() || maxUnacked < 1 || ackRequestEvery < 1) {
            throw new IllegalArgumentException("invalid stream management settings");
        }
    }

    /** Read from system properties or environment variables (see {@link Settings}). */
    public static SmSettings read(Function<String, String> source) {
        return new SmSettings(
                Duration.ofSeconds(Settings.integer(source, "meerkat.sm.resume-timeout",
                        DEFAULT_RESUME_TIMEOUT, 0, 86_400)),
                Settings.integer(source, "meerkat.sm.max-unacked", DEFAULT_MAX_UNACKED, 1, 1_000_000),
                ACK_REQUEST_EVERY);
    }

    /** The defaults. */
    public static SmSettings defaults() {
        return read(name -> null);
    }

    public boolean resumption() {
        return !resumeTimeout.isZero();
    }
}

package im.meerkat.web.bosh;

import java.time.Duration;

/**
 * What one session was granted at creation (XEP-0124 §7.2): the client's {@code wait} and
 * {@code hold} capped by the settings, {@code requests} one more than {@code hold}.
 */
record BoshParams(Duration waitTime, int hold, int requests, Duration inactivity, Duration maxPause,
        Duration polling, int maxQueued) {

    /** The client's wishes within the settings' limits. */
    static BoshParams negotiate(BoshRequest creation, BoshSettings settings) {
        long wait = creation.waitTime() == null ? settings.maxWait().toSeconds()
                : Math.min(Math.max(creation.waitTime(), 1), settings.maxWait().toSeconds());
        int hold = creation.hold() == null ? Math.min(1, settings.maxHold())
                : Math.min(creation.hold(), settings.maxHold());
        return new BoshParams(Duration.ofSeconds(wait), hold, hold + 1, settings.inactivity(),
                settings.maxPause(), settings.polling(), settings.maxQueued());
    }
}

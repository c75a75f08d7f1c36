package im.meerkat.server.mam;

import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Archiving preferences (XEP-0313 §6.1): a JID in {@code never} is not archived, one in
 * {@code always} is, every other follows the default mode. Mode {@code roster} archives the
 * JIDs that are items of the owner's roster.
 *
 * @param always bare JIDs, as text
 * @param never bare JIDs, as text
 */
public record Prefs(Mode mode, Set<String> always, Set<String> never) {

    /** The default modes of XEP-0313 §6.1. */
    public enum Mode {
        ALWAYS, NEVER, ROSTER;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode of an attribute value, or null when it is none. */
        public static Mode of(String value) {
            for (Mode m : values()) {
                if (m.value().equals(value)) {
                    return m;
                }
            }
            return null;
        }
    }

    public Prefs {
        always = Set.copyOf(always);
        never = Set.copyOf(never);
    }

    /**
     * Whether a message with {@code peer} (a bare JID, as text) goes into the archive; the roster
     * is asked only in mode {@code roster}.
     */
    public boolean archives(String peer, BooleanSupplier inRoster) {
        if (never.contains(peer)) {
            return false;
        }
        if (always.contains(peer)) {
            return true;
        }
        return mode == Mode.ALWAYS || mode == Mode.ROSTER && inRoster.getAsBoolean();
    }
}

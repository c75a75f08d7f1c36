package im.meerkat.server.session;

/**
 * Told when a session ends, however it ends (the client left, the stream broke, another session
 * took its resource, an administrator kicked it), after the session left the table and before
 * its stream is closed. Presence uses it to send the unavailable presence of RFC 6121 §4.5.2.
 */
public interface SessionObserver {

    void ended(LocalSession session);

    /**
     * The session moved to another node by a resumption there (XEP-0198 §5): it goes on, so
     * nobody is told it ended; only what this node kept for it is to be forgotten.
     */
    default void movedAway(LocalSession session) {
    }
}

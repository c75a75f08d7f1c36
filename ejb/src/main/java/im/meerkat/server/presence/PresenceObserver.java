package im.meerkat.server.presence;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.stanza.Presence;

/**
 * Told of each available presence a session broadcasts (RFC 6121 §4.2.2, §4.4.2), after it has
 * gone to the user's resources and contacts. Entity capabilities (XEP-0115) read it; every bean
 * of this type is told.
 */
public interface PresenceObserver {

    /**
     * @param presence the presence as stored, without {@code to}
     * @param previous the session's presence before, or null when this is its initial presence
     */
    void available(LocalSession session, Presence presence, Presence previous);
}

package im.meerkat.server.presence;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import java.util.Set;

/**
 * The part of presence that depends on the roster (RFC 6121 §3 and §4): broadcast to contacts
 * with a subscription from the user, probes on initial presence, subscription stanzas and probes
 * a client addresses to someone. {@link PresenceService} calls it when a bean provides it; without
 * one, presence reaches the user's own resources and directed-presence targets only.
 */
public interface ContactPresence {

    /**
     * The session broadcast available presence (RFC 6121 §4.2.2, §4.4.2).
     *
     * @param previous the session's presence before, or null when this is its initial presence
     */
    void available(LocalSession session, Presence presence, Presence previous);

    /** The session, which was available, went unavailable or ended (RFC 6121 §4.5.2). */
    void unavailable(LocalSession session, Presence presence);

    /** A subscription stanza or probe the session addressed to someone (RFC 6121 §3, §4.3). */
    void addressed(LocalSession session, Presence presence);

    /**
     * The accounts served here that a broadcast of the user's presence goes to: those with a
     * subscription to it (RFC 6121 §4.2.2, §4.4.2).
     */
    default Set<Jid> subscribers(Jid user) {
        return Set.of();
    }
}

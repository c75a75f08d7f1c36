package im.meerkat.server.routing;

import im.meerkat.server.session.SessionRecord;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.stanza.Stanza;

/**
 * Delivery to a session that another cluster node holds: one command to that node (architecture
 * invariant 7). The clustering work provides the implementation; until then {@link
 * NoRemoteSessions} treats such sessions as absent.
 */
public interface RemoteSessions {

    /**
     * Hands a stanza to the node named by {@code target.channel().node()}.
     *
     * @return false when it could not be handed over; the caller applies the rules for an
     *     absent resource
     */
    boolean deliver(SessionRecord target, Stanza stanza);

    /**
     * Ends a session that another node holds with a stream error (a kick, an account deletion,
     * or {@code <conflict/>} when a session elsewhere took its resource, RFC 6120 §7.7.2.2).
     *
     * @return false when it could not be ended (no cluster, node gone, session gone)
     */
    default boolean end(SessionRecord target, StreamError error) {
        return false;
    }

    /**
     * Has the node that holds an available session write its stored messages (XEP-0160): a
     * message was just stored here for its account.
     *
     * @return false when it could not (no cluster, node gone, session gone)
     */
    default boolean deliverStored(SessionRecord target) {
        return false;
    }
}

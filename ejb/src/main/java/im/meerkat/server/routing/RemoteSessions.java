package im.meerkat.server.routing;

import im.meerkat.server.session.SessionRecord;
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
}

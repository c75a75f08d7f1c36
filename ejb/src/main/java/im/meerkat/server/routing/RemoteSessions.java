package im.meerkat.server.routing;

import im.meerkat.server.session.SessionRecord;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.stanza.Stanza;
import java.util.Map;

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
     * Hands stanzas for sessions that one other node holds to that node, in one command; it
     * writes each to its session only when that session is an interested resource (RFC 6121
     * §2.1.6): roster pushes and the subscription states the roster shows. Only that node knows
     * whether its client requested the roster.
     *
     * @param node    the node that holds every session of {@code stanzas}
     * @param stanzas the stanza for each session
     * @return false when none was written (no cluster, node gone, sessions gone or not
     *     interested)
     */
    default boolean deliverIfInterested(String node, Map<SessionRecord, Stanza> stanzas) {
        return false;
    }

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

package im.meerkat.server.session;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.server.stream.StreamChannel;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import jakarta.ejb.Local;
import java.util.List;

/**
 * What the stream layer hands over once a client has authenticated: resource binding (RFC 6120
 * §7), every stanza of a bound session (RFC 6120 §8-10, RFC 6121), and the end of the session.
 * The implementation owns the replicated session table, routing, presence and the server's IQ
 * handlers.
 */
@Local
public interface SessionManager {

    /**
     * Binds a resource for an authenticated account. A null or empty resource asks the server to
     * generate one. An existing session with the same full JID is replaced: it receives a
     * {@code <conflict/>} stream error and is closed.
     *
     * @return the full JID bound to the channel
     * @throws StanzaErrorException with {@code bad-request} for a resource that fails the
     *     OpaqueString profile, {@code not-allowed} when the server refuses
     */
    Jid bind(Jid account, String resource, StreamChannel channel) throws StanzaErrorException;

    /**
     * One stanza a bound client sent, already in the {@code jabber:client} namespace and with its
     * {@code from} set to the session's full JID by the stream layer. Called in arrival order, one
     * at a time per channel.
     */
    void received(ChannelId channel, Stanza stanza);

    /**
     * The channel's stream is over (closed by either side, dropped, or replaced). Removes the
     * session and sends the unavailable presence contacts expect. Does nothing for an unknown
     * channel.
     */
    void unbind(ChannelId channel);

    /**
     * Ends a session whose client did not acknowledge some stanzas (XEP-0198 §5): once the session
     * has left the table, and before contacts are told it is unavailable, the stanzas are handled,
     * in the order they were sent, as if sent to an unavailable resource (RFC 6121 §8.5.3.2). A
     * session that had ended already has its stanzas handled all the same.
     */
    void unbind(ChannelId channel, List<Element> unacknowledged);
}

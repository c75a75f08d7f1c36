package im.meerkat.connector.api;

import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;

/**
 * The message listener interface of the XMPP resource adapter: a message-driven bean that
 * implements it receives everything connections read.
 *
 * <p>Ordering (architecture invariant 2): for one connection, calls arrive one at a time in the
 * order the events happened, starting with {@link #connectionOpened} and ending with exactly one
 * {@link #connectionClosed}. Calls for different connections run in parallel. An exception
 * thrown by the bean is logged by the adapter and does not stop later deliveries.
 */
public interface StanzaListener {

    /** A peer connected; no XML has been read yet. */
    void connectionOpened(ConnectionId id, ConnectionInfo info);

    /**
     * The peer opened a stream: the first one, or a new one after STARTTLS or SASL success.
     *
     * @param security the TLS state of the connection when the header arrived
     */
    void streamOpened(ConnectionId id, StreamHeader header, TransportSecurity security);

    /** A top-level element of the stream: a stanza, or a negotiation element. */
    void elementReceived(ConnectionId id, Element element);

    /** The peer closed its stream with {@code </stream:stream>}. */
    void streamClosed(ConnectionId id);

    /** The connection is gone; nothing more will be delivered for it. */
    void connectionClosed(ConnectionId id, CloseReason reason);
}

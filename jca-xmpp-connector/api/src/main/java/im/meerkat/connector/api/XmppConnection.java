package im.meerkat.connector.api;

import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A handle to the resource adapter through which the server writes to any of this node's
 * connections. Writes to one connection go out in the order they were made (architecture
 * invariant 2). No method blocks on the network: output is queued for the selector, and a
 * connection whose queue passes its bound is closed with a stream error (invariant 3).
 *
 * <p>Methods on a connection that is already closed do nothing and return false where they
 * return a value.
 */
public interface XmppConnection extends AutoCloseable {

    /** Writes the opening stream tag (with the XML declaration) as the response header. */
    boolean openStream(ConnectionId id, StreamHeader header);

    /** Queues one top-level element, written in the stream's content namespace. */
    boolean send(ConnectionId id, Element element);

    /**
     * After everything queued so far is written, starts TLS as the server side of the
     * handshake (RFC 6120 §5.4.3.3, after {@code <proceed/>}) and expects a new stream.
     */
    boolean startTls(ConnectionId id);

    /**
     * Expects a new stream from the peer, as after SASL success (RFC 6120 §6.4.6). Takes effect
     * for input that arrives after everything queued so far is written, so call it before
     * queueing the element that lets the peer restart.
     */
    boolean restartStream(ConnectionId id);

    /**
     * Ends the stream: writes {@code error} if not null, then {@code </stream:stream>}, and
     * closes the socket once the peer closes its side or a short grace period passes.
     */
    void closeStream(ConnectionId id, StreamError error);

    /** Closes the socket at once, writing nothing more. */
    void abort(ConnectionId id);

    /** Whether the connection is still open. */
    boolean isOpen(ConnectionId id);

    /**
     * Where this node's SOCKS5 bytestream proxy (XEP-0065) listens, or empty when it does not
     * run. The address may be a wildcard address.
     */
    default Optional<InetSocketAddress> bytestreamProxy() {
        return Optional.empty();
    }

    /**
     * Starts relaying between the two SOCKS5 connections to this node's proxy whose CONNECT
     * named {@code destination}, the hex SHA-1 of session id, initiator and target JID
     * (XEP-0065 §5.3.2, §6.3.3). Never waits for the network.
     */
    default BytestreamActivation activateBytestream(String destination) {
        return BytestreamActivation.NO_PROXY;
    }

    /** Releases the handle; the connections it wrote to stay open. */
    @Override
    void close();
}

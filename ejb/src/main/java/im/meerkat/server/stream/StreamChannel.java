package im.meerkat.server.stream;

import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.xml.Element;
import java.net.InetSocketAddress;

/**
 * The way out to one client stream on this node, whatever carries it (TCP through the connector,
 * WebSocket, BOSH). The stream state machine and the session layer write through it and never
 * see the transport. Implementations are thread-safe; writes keep the order of the calls.
 */
public interface StreamChannel {

    ChannelId id();

    /** A short transport name for operators: {@code tcp}, {@code tls}, {@code websocket}, {@code bosh}. */
    String transport();

    InetSocketAddress remote();

    /**
     * Queues one top-level element for the peer.
     *
     * @return false when the stream is gone (the element is dropped, the caller applies the
     *     delivery rules for an absent session)
     */
    boolean send(Element element);

    /** Ends the stream: with the given stream error, or cleanly with {@code </stream:stream>} when null. */
    void close(StreamError error);
}

package im.meerkat.connector.rar.net;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlScope;
import im.meerkat.xmpp.xml.XmlWriter;

/**
 * The half of a connection that server threads use: they serialize on their own thread and
 * queue the bytes; the selector loop writes them. Order is the order of the calls (architecture
 * invariant 2). A peer whose queue passes its bound is cut off with
 * {@code <policy-violation/>} (invariant 3): RFC 6120 §4.9.3.14 covers a peer that breaks a
 * local service policy, which not reading what it is sent does.
 */
abstract class ConnectionOutput {

    private static final byte[] CLOSE_TAG =
            StreamHeader.closeTag().getBytes(StandardCharsets.UTF_8);

    private final ConnectionId id;
    private final XmlScope scope;
    private final OutboundQueue outbound;
    private final AtomicBoolean tlsStarted;
    private volatile CloseReason closeReason;
    private volatile StreamHeader peerHeader;

    ConnectionOutput(ConnectionId id, XmlScope scope, long queueLimit, boolean tls) {
        this.id = id;
        this.scope = scope;
        this.outbound = new OutboundQueue(queueLimit);
        this.tlsStarted = new AtomicBoolean(tls);
    }

    ConnectionId id() {
        return id;
    }

    OutboundQueue outbound() {
        return outbound;
    }

    /** Why the connection is closing, once a close has begun. */
    CloseReason closeReason() {
        return closeReason;
    }

    boolean openStream(StreamHeader header) {
        if (!outbound.addHeader(header.toXml().getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        requestFlush();
        return true;
    }

    boolean send(Element element) {
        byte[] bytes = XmlWriter.toXml(element, scope).getBytes(StandardCharsets.UTF_8);
        switch (outbound.add(bytes)) {
            case QUEUED -> {
                requestFlush();
                return true;
            }
            case OVERFLOW -> {
                beginClose(StreamError.of(StreamErrorCondition.POLICY_VIOLATION,
                        "too much unread output: the peer does not read"),
                        CloseReason.of(CloseReason.Cause.SLOW_CONSUMER), true);
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** Refused (false) on a connection that already has TLS: it cannot start twice. */
    boolean startTls() {
        if (tlsStarted.getAndSet(true)) {
            return false;
        }
        if (!outbound.addMarker(OutboundQueue.Marker.START_TLS)) {
            return false;
        }
        requestFlush();
        return true;
    }

    boolean restartStream() {
        if (!outbound.addMarker(OutboundQueue.Marker.RESTART_STREAM)) {
            return false;
        }
        requestFlush();
        return true;
    }

    void closeStream(StreamError error) {
        beginClose(error, new CloseReason(CloseReason.Cause.CLOSED_BY_SERVER, error), false);
    }

    void abort() {
        outbound.shut();
        abortRequested();
    }

    boolean isOpen() {
        return !outbound.isClosed() && !closedForGood();
    }

    /**
     * Queues the end of the stream (error, closing tag) unless it is already closing.
     *
     * @param discard drop queued output first, for a peer that does not read it
     */
    final void beginClose(StreamError error, CloseReason reason, boolean discard) {
        byte[] errorBytes = error == null ? null
                : XmlWriter.toXml(error.toElement(), scope).getBytes(StandardCharsets.UTF_8);
        if (outbound.close(this::defaultHeader, errorBytes, CLOSE_TAG, discard)) {
            closeReason = reason.error() == null && error != null
                    ? new CloseReason(reason.cause(), error) : reason;
            closeRequested();
        }
    }

    /** The peer's last stream header, for a header of our own sent with a stream error. */
    public void peerHeader(StreamHeader header) {
        peerHeader = header;
    }

    /** Our stream header, for a stream error sent before the server sent one (§4.9.1.2). */
    private byte[] defaultHeader() {
        StreamHeader peer = peerHeader;
        StreamHeader header = new StreamHeader(null, peer == null ? null : peer.to(),
                UUID.randomUUID().toString(), StreamHeader.VERSION_1_0, "en",
                scope.defaultNamespace(), Map.of("stream", Namespaces.STREAMS));
        return header.toXml().getBytes(StandardCharsets.UTF_8);
    }

    /** Asks the selector loop to write what is queued. */
    protected abstract void requestFlush();

    /** Asks the selector loop to write the end of the stream and close. */
    protected abstract void closeRequested();

    /** Asks the selector loop to close the socket at once. */
    protected abstract void abortRequested();

    protected abstract boolean closedForGood();
}

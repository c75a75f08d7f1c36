package im.meerkat.server.stream;

import im.meerkat.xmpp.stream.StreamHeader;

/**
 * What the state machine asks of the transport under a stream, beyond sending elements: writing
 * the response header, STARTTLS and stream restarts. TCP (through the connector) does all of it;
 * WebSocket (RFC 7395) and BOSH (XEP-0206) have no STARTTLS and restart by their own framing.
 */
public interface StreamTransport {

    /**
     * Writes the server's stream header (RFC 6120 §4.7): the opening tag on TCP, {@code <open/>}
     * on WebSocket, the session attributes on BOSH.
     */
    void openStream(StreamHeader response);

    /** Whether STARTTLS (RFC 6120 §5) can be offered on this transport. */
    boolean supportsStartTls();

    /**
     * Starts the server side of the TLS handshake once everything sent so far, {@code <proceed/>}
     * last, is written; the peer then opens a new stream.
     */
    void startTls();

    /**
     * Expects a new stream from the peer (RFC 6120 §6.4.6). Called before {@code <success/>} is
     * sent, so that input after it is read as a new stream.
     */
    void restart();
}

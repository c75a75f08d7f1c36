package im.meerkat.connector.rar.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import im.meerkat.connector.api.TransportSecurity;

/**
 * The byte layer under a connection's XML: plain TCP or TLS. Used only on the connection's
 * selector thread, and never blocks.
 */
interface Transport {

    /** Receives plaintext as it is read. */
    interface Sink {
        void accept(byte[] data, int offset, int length) throws IOException;
    }

    /**
     * Reads what the socket has and passes the plaintext on.
     *
     * @param scratch the selector loop's read buffer, shared by its connections
     * @return false at the end of input (the peer closed the socket or TLS)
     */
    boolean read(SocketChannel channel, ByteBuffer scratch, Sink sink) throws IOException;

    /**
     * Writes as much of {@code plain} as the socket takes now.
     *
     * @return true when all of it is written and nothing else is pending
     */
    boolean write(SocketChannel channel, ByteBuffer plain) throws IOException;

    /** Writes what the transport itself owes (handshake, buffered records); true when done. */
    boolean flush(SocketChannel channel) throws IOException;

    /** Whether application data can flow (false while a TLS handshake runs). */
    boolean ready();

    /** Starts an orderly close of our sending side (TLS close_notify); flush afterwards. */
    void closeOutbound();

    TransportSecurity security();
}

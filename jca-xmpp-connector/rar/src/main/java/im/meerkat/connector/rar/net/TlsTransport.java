package im.meerkat.connector.rar.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.connector.rar.tls.TlsServerContext;

/**
 * TLS over a non-blocking socket with an {@link SSLEngine} in server mode (RFC 6120 §5 for
 * STARTTLS, XEP-0368 for direct TLS). Encryption and decryption go through the selector loop's
 * shared {@link LoopBuffers}; a connection keeps bytes of its own only for a partial record
 * read or a record the socket did not take, so an idle TLS connection holds no buffers.
 * Delegated tasks run inline: they are CPU work (signatures), not blocking calls.
 */
final class TlsTransport implements Transport {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final TlsServerContext context;
    private final LoopBuffers buffers;
    /** Ciphertext read but not yet a whole record. */
    private byte[] leftover;
    /** Ciphertext produced but not yet taken by the socket (read mode). */
    private ByteBuffer pendingOut;
    private TransportSecurity security;
    private boolean inboundDone;

    TlsTransport(TlsServerContext context, LoopBuffers buffers) throws SSLException {
        this.context = context;
        this.buffers = buffers;
        this.engine = context.newServerEngine();
        engine.beginHandshake();
    }

    /** Ciphertext that arrived before TLS began (read together with {@code <starttls/>}). */
    void receiveEarly(byte[] ciphertext) {
        leftover = ciphertext;
    }

    @Override
    public boolean read(SocketChannel channel, ByteBuffer scratch, Sink sink) throws IOException {
        scratch.clear();
        if (leftover != null) {
            scratch.put(leftover);
            leftover = null;
        }
        int n = channel.read(scratch);
        scratch.flip();
        process(channel, scratch, sink);
        return n >= 0 && !inboundDone;
    }

    /** Works through held ciphertext without reading, as right after STARTTLS. */
    void processLeftover(SocketChannel channel, ByteBuffer scratch, Sink sink) throws IOException {
        if (leftover == null) {
            return;
        }
        scratch.clear();
        scratch.put(leftover);
        leftover = null;
        scratch.flip();
        process(channel, scratch, sink);
    }

    private void process(SocketChannel channel, ByteBuffer in, Sink sink) throws IOException {
        boolean progress = true;
        while (progress && !inboundDone) {
            progress = unwrap(in, sink);
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                progress |= wrapHandshake(channel);
            }
        }
        if (in.hasRemaining() && !inboundDone) {
            leftover = new byte[in.remaining()];
            in.get(leftover);
        }
    }

    private boolean unwrap(ByteBuffer in, Sink sink) throws IOException {
        boolean progress = false;
        while (in.hasRemaining() && !inboundDone) {
            ByteBuffer app = buffers.app();
            app.clear();
            SSLEngineResult r = engine.unwrap(in, app);
            runTasks();
            checkFinished(r);
            if (app.position() > 0) {
                sink.accept(app.array(), app.arrayOffset(), app.position());
            }
            if (r.getStatus() == Status.CLOSED) {
                inboundDone = true;
                return true;
            }
            if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                throw new SSLException("TLS record larger than the application buffer");
            }
            if (r.getStatus() == Status.BUFFER_UNDERFLOW
                    || r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                return progress;
            }
            progress = true;
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                // Answer first: in TLS 1.3 the handshake reports FINISHED only on that wrap,
                // and application data after it must already see the finished handshake.
                return true;
            }
        }
        return progress;
    }

    /**
     * Produces handshake (or close_notify) records while the engine asks for them, and writes
     * them together: a flight (ServerHello to Finished) leaves in one write, so the peer reads
     * it whole rather than record by record while its own handshake tasks run.
     */
    private boolean wrapHandshake(SocketChannel channel) throws IOException {
        ByteBuffer flight = null;
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            ByteBuffer out = buffers.net();
            out.clear();
            SSLEngineResult r = engine.wrap(EMPTY, out);
            runTasks();
            checkFinished(r);
            out.flip();
            if (!out.hasRemaining()) {
                break;
            }
            flight = append(flight, out);
        }
        if (flight == null) {
            return false;
        }
        flight.flip();
        send(channel, flight);
        return true;
    }

    /** {@code records} (in write mode, null for none) with {@code more} appended. */
    private static ByteBuffer append(ByteBuffer records, ByteBuffer more) {
        if (records == null || records.remaining() < more.remaining()) {
            int used = records == null ? 0 : records.position();
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(2 * used, used + more.remaining()));
            if (records != null) {
                records.flip();
                bigger.put(records);
            }
            records = bigger;
        }
        return records.put(more);
    }

    @Override
    public boolean write(SocketChannel channel, ByteBuffer plain) throws IOException {
        if (!flush(channel) || !ready()) {
            return false;
        }
        while (plain.hasRemaining()) {
            ByteBuffer out = buffers.net();
            out.clear();
            SSLEngineResult r = engine.wrap(plain, out);
            runTasks();
            if (r.getStatus() == Status.CLOSED) {
                throw new SSLException("TLS is closed for writing");
            }
            out.flip();
            boolean sent = send(channel, out);
            if (!sent) {
                return false;
            }
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean flush(SocketChannel channel) throws IOException {
        if (pendingOut != null) {
            channel.write(pendingOut);
            if (pendingOut.hasRemaining()) {
                return false;
            }
            pendingOut = null;
        }
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            wrapHandshake(channel);
        }
        return pendingOut == null;
    }

    /** Writes records now; keeps what the socket refuses. Returns whether all went out. */
    private boolean send(SocketChannel channel, ByteBuffer out) throws IOException {
        if (pendingOut != null) {
            ByteBuffer joined = ByteBuffer.allocate(pendingOut.remaining() + out.remaining());
            joined.put(pendingOut).put(out).flip();
            pendingOut = joined;
            return false;
        }
        channel.write(out);
        if (out.hasRemaining()) {
            pendingOut = ByteBuffer.allocate(out.remaining());
            pendingOut.put(out).flip();
            return false;
        }
        return true;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /**
     * Notes the end of the handshake. The result reports FINISHED only on the call that ended it;
     * when delegated tasks ended it instead, the engine just stops handshaking, so that counts too
     * (the handshake has begun at construction, so NOT_HANDSHAKING cannot mean "not yet").
     */
    private void checkFinished(SSLEngineResult r) {
        if (security == null && (r.getHandshakeStatus() == HandshakeStatus.FINISHED
                || engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING)) {
            security = context.describe(engine.getSession());
        }
    }

    @Override
    public boolean ready() {
        return security != null;
    }

    @Override
    public void closeOutbound() {
        engine.closeOutbound();
    }

    @Override
    public TransportSecurity security() {
        return security == null ? TransportSecurity.NONE : security;
    }
}

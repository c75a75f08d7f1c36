package im.meerkat.connector.rar.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * A STARTTLS client on an {@link SSLEngine}, so that it decides what goes into each write: its
 * last handshake flight and the first application data (the new stream header) leave in one
 * write, so the server reads the end of the handshake and application data at once. In TLS 1.3
 * the client's Finished ends its side of the handshake; in TLS 1.2 the server's Finished does,
 * and the data follows alone.
 */
public final class CoalescingTlsClient implements AutoCloseable {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final long STEP_NANOS = 10_000_000_000L;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream plain = new ByteArrayOutputStream();
    private SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer app;

    public CoalescingTlsClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5000);
        socket.setSoTimeout(100);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Plaintext before TLS. */
    public void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Reads plaintext byte by byte until it ends with {@code expected}, so that nothing after
     * it is taken as plaintext.
     */
    public String readPlainUntil(String expected) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + STEP_NANOS;
        while (!seen.toString(StandardCharsets.UTF_8).endsWith(expected)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no '" + expected + "'; got: " + seen);
            }
            try {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before '" + expected + "'; got: " + seen);
                }
                seen.write(b);
            } catch (SocketTimeoutException e) {
                // keep waiting
            }
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    /** The TLS handshake, then {@code data} in the same write as the client's last records. */
    public void handshakeThenSend(javax.net.ssl.SSLContext context, String protocol, String data)
            throws IOException {
        engine = context.createSSLEngine("localhost", socket.getPort());
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        netIn = ByteBuffer.allocate(4 * engine.getSession().getPacketBufferSize());
        app = ByteBuffer.allocate(4 * engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + STEP_NANOS;
        while (System.nanoTime() < deadline) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    ByteBuffer record = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                    SSLEngineResult r = engine.wrap(EMPTY, record);
                    runTasks();
                    flight.write(record.array(), 0, record.position());
                    if (done(r)) {
                        sendWith(flight, data);
                        return;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (flight.size() > 0) {
                        out.write(flight.toByteArray());
                        flight.reset();
                    }
                    if (done(unwrapSome())) {
                        sendWith(flight, data);
                        return;
                    }
                }
                case NOT_HANDSHAKING, FINISHED -> {
                    sendWith(flight, data);
                    return;
                }
            }
        }
        throw new IOException("the TLS handshake did not end");
    }

    /** Application data received under TLS until it contains {@code expected} or time is up. */
    public String readUntil(String expected) throws IOException {
        long deadline = System.nanoTime() + STEP_NANOS;
        while (!text().contains(expected) && System.nanoTime() < deadline) {
            unwrapSome();
        }
        return text();
    }

    public String protocol() {
        return engine.getSession().getProtocol();
    }

    private boolean done(SSLEngineResult r) {
        return r.getHandshakeStatus() == HandshakeStatus.FINISHED
                || engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    private void sendWith(ByteArrayOutputStream flight, String data) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8));
        while (source.hasRemaining()) {
            ByteBuffer record = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            SSLEngineResult r = engine.wrap(source, record);
            if (r.getStatus() != Status.OK) {
                throw new IOException("wrap: " + r);
            }
            flight.write(record.array(), 0, record.position());
        }
        out.write(flight.toByteArray());
        out.flush();
    }

    /** One unwrap; reads from the socket first when no whole record is buffered. */
    private SSLEngineResult unwrapSome() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r = engine.unwrap(netIn, app);
            netIn.compact();
            runTasks();
            if (r.getStatus() == Status.CLOSED) {
                throw new IOException("the server closed TLS; got: " + text());
            }
            plain.write(app.array(), 0, app.position());
            app.clear();
            if (r.getStatus() != Status.BUFFER_UNDERFLOW) {
                return r;
            }
            try {
                int n = in.read(netIn.array(), netIn.position(), netIn.remaining());
                if (n < 0) {
                    throw new IOException("the server closed the connection; got: " + text());
                }
                netIn.position(netIn.position() + n);
            } catch (SocketTimeoutException e) {
                return r;
            }
        }
    }

    private String text() {
        return plain.toString(StandardCharsets.UTF_8);
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

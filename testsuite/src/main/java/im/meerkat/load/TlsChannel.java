package im.meerkat.load;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A non-blocking client socket that can switch to TLS in the middle of the stream (STARTTLS,
 * RFC 6120 §5), with an {@link SSLEngine} instead of an {@code SSLSocket}, so that one selector
 * thread can read many of them ({@link ReaderPool}). Timed reads ({@link #read(int)}) wait on a
 * selector opened for that one wait, so a held connection costs one file descriptor.
 *
 * <p>Memory per connection is kept small, since one load process holds thousands: the buffers
 * for the network and application bytes belong to the thread that reads or writes, and only a
 * partial TLS record left over from the last read stays with the connection. One thread reads;
 * any thread may write (writes are serialized; {@code SSLEngine} allows wrap and unwrap at once).
 */
final class TlsChannel implements Closeable {

    /** Enough for one TLS record of the largest size and what is left of the previous one. */
    private static final int NET_BUFFER = 2 * 17 * 1024 + 512;
    private static final int APP_BUFFER = 32 * 1024;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final SocketChannel channel;
    private final int timeoutMillis;
    private final Object writeLock = new Object();
    private SSLEngine engine;
    /** Bytes of a TLS record not yet complete at the last read, or null. */
    private ByteBuffer pending;
    /** What the last read took from the socket: during the handshake, whether to wait. */
    private int lastRead;

    private TlsChannel(SocketChannel channel, int timeoutMillis) {
        this.channel = channel;
        this.timeoutMillis = timeoutMillis;
    }

    /** Connects from {@code localAddress} (null for any) within the timeout, in the clear. */
    static TlsChannel connect(InetSocketAddress remote, String localAddress, int timeoutMillis) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            if (localAddress != null) {
                channel.bind(new InetSocketAddress(localAddress, 0));
            }
            channel.socket().connect(remote, timeoutMillis);
            channel.socket().setTcpNoDelay(true);
            channel.configureBlocking(false);
            return new TlsChannel(channel, timeoutMillis);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    SocketChannel channel() {
        return channel;
    }

    /** Runs the TLS handshake as a client; what is written and read afterwards is encrypted. */
    void startTls(SSLContext context) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        SSLEngine tls = context.createSSLEngine(remote.getHostString(), remote.getPort());
        tls.setUseClientMode(true);
        engine = tls;
        tls.beginHandshake();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Scratch scratch = SCRATCH.get();
        while (true) {
            switch (tls.getHandshakeStatus()) {
                case NOT_HANDSHAKING, FINISHED -> {
                    return;
                }
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> write(ByteBuffer.allocate(0));
                default -> {
                    scratch.app.clear();
                    if (readNow(scratch) < 0) {
                        throw new IOException("connection closed during the TLS handshake");
                    }
                    if (tls.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP && lastRead == 0) {
                        await(deadline);
                    }
                }
            }
        }
    }

    /**
     * Reads what has arrived, without waiting: the application bytes are in the calling thread's
     * buffer, {@link #bytes()} from offset 0. Returns their count (0 when nothing came yet or
     * only part of a record), or -1 when the peer closed the connection.
     */
    int readNow() throws IOException {
        Scratch scratch = SCRATCH.get();
        scratch.app.clear();
        return readNow(scratch);
    }

    /** Like {@link #readNow()}, but waits up to {@code millis} for bytes; 0 when none came. */
    int read(int millis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            int n = readNow();
            if (n != 0) {
                return n;
            }
            try {
                await(deadline);
            } catch (SocketTimeoutException e) {
                return 0;
            }
        }
    }

    /** The calling thread's buffer that {@link #readNow()} and {@link #read(int)} fill. */
    static byte[] bytes() {
        return SCRATCH.get().app.array();
    }

    /** Writes all of {@code bytes}, waiting while the socket's send buffer is full. */
    void write(byte[] bytes) throws IOException {
        write(ByteBuffer.wrap(bytes));
    }

    private void write(ByteBuffer src) throws IOException {
        synchronized (writeLock) {
            if (engine == null) {
                writeFully(src);
                return;
            }
            ByteBuffer net = SCRATCH.get().netOut;
            do {
                net.clear();
                SSLEngineResult result = engine.wrap(src, net);
                if (result.getStatus() != SSLEngineResult.Status.OK) {
                    throw new SSLException("TLS wrap: " + result.getStatus());
                }
                net.flip();
                writeFully(net);
                if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
            } while (src.hasRemaining());
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    private int readNow(Scratch scratch) throws IOException {
        if (engine == null) {
            lastRead = channel.read(scratch.app);
            return lastRead;
        }
        ByteBuffer net = scratch.netIn;
        net.clear();
        if (pending != null) {
            net.put(pending);
            pending = null;
        }
        int read = channel.read(net);
        lastRead = read;
        boolean eof = read < 0;
        net.flip();
        int produced = 0;
        reading:
        while (net.hasRemaining()) {
            SSLEngineResult result = engine.unwrap(net, scratch.app);
            produced += result.bytesProduced();
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                eof = true;
                break;
            }
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                break; // UNDERFLOW: the rest of the record is still on its way; OVERFLOW: read again
            }
            switch (result.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> write(ByteBuffer.allocate(0)); // the handshake's next flight, or a key update
                default -> {
                    if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                        break reading;
                    }
                }
            }
        }
        if (net.hasRemaining()) {
            pending = ByteBuffer.allocate(net.remaining()).put(net).flip();
        }
        return produced == 0 && eof ? -1 : produced;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Waits until the channel is readable, or throws when the deadline has passed. */
    private void await(long deadline) throws IOException {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (millis <= 0) {
            throw new SocketTimeoutException("nothing to read within " + timeoutMillis + " ms");
        }
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            selector.select(millis);
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new SocketTimeoutException("send buffer full for " + timeoutMillis + " ms");
                }
                LockSupport.parkNanos(100_000); // the peer reads slowly: rare, so no selector for it
            }
        }
    }

    /** One thread's buffers: the peer's TLS records, their plain text, and records to send. */
    private static final class Scratch {
        final ByteBuffer netIn = ByteBuffer.allocate(NET_BUFFER);
        final ByteBuffer app = ByteBuffer.allocate(APP_BUFFER);
        final ByteBuffer netOut = ByteBuffer.allocate(NET_BUFFER);
    }
}

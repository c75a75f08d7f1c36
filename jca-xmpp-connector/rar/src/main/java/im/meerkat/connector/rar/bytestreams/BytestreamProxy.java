package im.meerkat.connector.rar.bytestreams;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

import im.meerkat.connector.api.BytestreamActivation;
import im.meerkat.connector.rar.bytestreams.Socks5Handshake.Reply;

/**
 * The node's SOCKS5 Bytestreams proxy (XEP-0065 §6): one listening socket and one selector
 * loop, run as a long-running task of the connector. Each connection does the SOCKS5 handshake
 * ({@link Socks5Handshake}); the two connections that name the same hash form a pair, and once
 * the initiator has activated it ({@link #activate(String)}, called from the server's thread)
 * the loop copies bytes both ways through one bounded buffer per direction, so a party that
 * does not read slows the other through TCP flow control. The loop never blocks; it enforces
 * {@link BytestreamSettings}: pairs at once, idle time, bytes per stream.
 */
public final class BytestreamProxy implements Runnable {

    private static final Logger LOG = Logger.getLogger(BytestreamProxy.class.getName());
    private static final long TICK_MILLIS = 1000;

    private final BytestreamSettings settings;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final InetSocketAddress address;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** By hash; guarded by itself, touched by the loop and by {@link #activate}. */
    private final Map<String, Pair> pairs = new HashMap<>();
    /** Loop thread only. */
    private final Set<Endpoint> endpoints = new HashSet<>();
    private volatile boolean running = true;
    private final java.util.concurrent.CountDownLatch stopped =
            new java.util.concurrent.CountDownLatch(1);

    private BytestreamProxy(BytestreamSettings settings, ServerSocketChannel server,
            Selector selector) throws IOException {
        this.settings = settings;
        this.server = server;
        this.selector = selector;
        this.address = (InetSocketAddress) server.getLocalAddress();
    }

    /** Binds the listening socket; {@link #run()} then serves it. */
    public static BytestreamProxy open(BytestreamSettings settings, InetSocketAddress address)
            throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, 64);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            return new BytestreamProxy(settings, server, selector);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw e;
        }
    }

    /** Where it listens (the actual port when 0 was asked for). */
    public InetSocketAddress address() {
        return address;
    }

    /** Streams that are waiting for their second party, for activation, or relaying. */
    public int pairCount() {
        synchronized (pairs) {
            return pairs.size();
        }
    }

    /**
     * Activates the pair for {@code destination} (XEP-0065 §6.3.3). The relay starts on the
     * loop; this returns at once.
     */
    public BytestreamActivation activate(String destination) {
        Pair pair;
        synchronized (pairs) {
            pair = pairs.get(destination);
            if (pair == null) {
                return BytestreamActivation.NO_SUCH_STREAM;
            }
            if (pair.active) {
                return BytestreamActivation.ALREADY_ACTIVE;
            }
            if (pair.second == null) {
                return BytestreamActivation.ONE_PARTY_ONLY;
            }
            pair.active = true;
        }
        Pair activated = pair;
        tasks.add(() -> startRelay(activated));
        selector.wakeup();
        return BytestreamActivation.ACTIVATED;
    }

    /** Ends the loop, which closes the listening socket and every connection. */
    public void shutdown() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        long nextTick = System.nanoTime();
        try {
            while (running) {
                selector.select(TICK_MILLIS);
                for (Runnable task; (task = tasks.poll()) != null;) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() - nextTick >= 0) {
                    closeIdle();
                    nextTick = System.nanoTime() + TICK_MILLIS * 1_000_000;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "SOCKS5 proxy loop failed", e);
        } finally {
            new ArrayList<>(endpoints).forEach(this::close);
            closeQuietly(server);
            closeQuietly(selector);
            stopped.countDown();
        }
    }

    /** Waits until the loop has closed its sockets, after {@link #shutdown()}. */
    public boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.attachment() == null) {
            accept();
            return;
        }
        Endpoint endpoint = (Endpoint) key.attachment();
        try {
            if (key.isReadable()) {
                endpoint.read();
            }
            if (key.isValid() && key.isWritable()) {
                endpoint.write();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "SOCKS5 connection failed: " + e);
            close(endpoint);
        }
    }

    private void accept() {
        SocketChannel channel;
        try {
            channel = server.accept();
        } catch (IOException e) {
            LOG.log(Level.FINE, "SOCKS5 accept failed", e);
            return;
        }
        if (channel == null) {
            return;
        }
        if (endpoints.size() >= 2 * settings.maxPairs() + 16) {
            // more connections than the pairs could use: refuse before reading anything
            closeQuietly(channel);
            return;
        }
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Endpoint endpoint = new Endpoint(channel);
            endpoint.key = channel.register(selector, SelectionKey.OP_READ, endpoint);
            endpoints.add(endpoint);
        } catch (IOException e) {
            closeQuietly(channel);
        }
    }

    /** Called on the loop when the handshake named a destination. */
    private void requested(Endpoint endpoint, String destination) {
        Reply reply = Reply.SUCCEEDED;
        synchronized (pairs) {
            Pair pair = pairs.get(destination);
            if (pair == null) {
                if (pairs.size() >= settings.maxPairs()) {
                    reply = Reply.GENERAL_FAILURE;
                } else {
                    pair = new Pair(destination, endpoint);
                    pairs.put(destination, pair);
                    endpoint.pair = pair;
                }
            } else if (pair.second == null) {
                pair.second = endpoint;
                endpoint.pair = pair;
                endpoint.peer = pair.first;
                pair.first.peer = endpoint;
            } else {
                // a third party for one stream
                reply = Reply.NOT_ALLOWED;
            }
        }
        endpoint.queue(Socks5Handshake.reply(reply, destination));
        endpoint.closeAfterWrite = reply != Reply.SUCCEEDED;
        endpoint.updateInterest();
    }

    private void startRelay(Pair pair) {
        if (!pair.first.open || !pair.second.open) {
            return;
        }
        pair.first.touch();
        pair.second.touch();
        pair.first.updateInterest();
        pair.second.updateInterest();
    }

    private void closeIdle() {
        long limit = System.nanoTime() - settings.idleTimeout().toNanos();
        for (Endpoint endpoint : new ArrayList<>(endpoints)) {
            long last = endpoint.peer == null ? endpoint.lastActive
                    : Math.max(endpoint.lastActive, endpoint.peer.lastActive);
            if (endpoint.open && last - limit < 0) {
                LOG.fine(() -> "SOCKS5 connection idle, closed: " + endpoint);
                close(endpoint);
            }
        }
    }

    /** Closes a connection, and its pair with the other party. */
    private void close(Endpoint endpoint) {
        if (!endpoint.open) {
            return;
        }
        endpoint.open = false;
        endpoints.remove(endpoint);
        Pair pair = endpoint.pair;
        if (pair != null) {
            // first out of the table: once a party sees the close, activation finds nothing
            synchronized (pairs) {
                pairs.remove(pair.destination, pair);
            }
        }
        closeQuietly(endpoint.channel);
        if (endpoint.peer != null) {
            close(endpoint.peer);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Two parties that named one hash; {@code active} once the initiator activated it. */
    private static final class Pair {
        final String destination;
        final Endpoint first;
        Endpoint second;
        boolean active;
        long bytes;

        Pair(String destination, Endpoint first) {
            this.destination = destination;
            this.first = first;
        }
    }

    /** One party's socket; touched by the loop only. */
    private final class Endpoint {
        final SocketChannel channel;
        final Socks5Handshake handshake = new Socks5Handshake();
        /** Bytes read from this party, for the other; kept in fill mode. */
        final ByteBuffer in = ByteBuffer.allocate(settings.bufferBytes());
        /** Handshake replies to this party, in drain mode, or null. */
        ByteBuffer out;
        SelectionKey key;
        Pair pair;
        Endpoint peer;
        boolean open = true;
        boolean closeAfterWrite;
        boolean inputEnded;
        boolean outputShut;
        long lastActive = System.nanoTime();

        Endpoint(SocketChannel channel) {
            this.channel = channel;
        }

        boolean relaying() {
            synchronized (pairs) {
                return pair != null && pair.active;
            }
        }

        void touch() {
            lastActive = System.nanoTime();
        }

        /** Queues a handshake reply after any still unwritten. */
        void queue(byte[] bytes) {
            if (bytes.length == 0) {
                return;
            }
            if (out == null || !out.hasRemaining()) {
                out = ByteBuffer.wrap(bytes);
                return;
            }
            byte[] unwritten = new byte[out.remaining()];
            out.get(unwritten);
            out = ByteBuffer.wrap(concat(unwritten, bytes));
        }

        void read() throws IOException {
            int n = channel.read(in);
            if (n < 0) {
                if (!relaying()) {
                    close(this); // left before the stream started
                    return;
                }
                inputEnded = true;
            } else if (n > 0) {
                touch();
                if (handshake.state() != Socks5Handshake.State.REQUESTED) {
                    handshakeInput();
                } else if (relaying() && overLimit(n)) {
                    LOG.fine(() -> "SOCKS5 stream over " + settings.maxBytes() + " bytes, closed");
                    close(this);
                    return;
                }
            }
            updateInterest();
            if (peer != null && peer.open) {
                peer.updateInterest();
            }
        }

        private boolean overLimit(int n) {
            pair.bytes += n;
            return settings.maxBytes() > 0 && pair.bytes > settings.maxBytes();
        }

        private void handshakeInput() {
            in.flip();
            byte[] answer = handshake.feed(in);
            if (handshake.state() == Socks5Handshake.State.REQUEST && in.hasRemaining()) {
                // greeting and request came together
                byte[] methodReply = answer;
                byte[] more = handshake.feed(in);
                answer = concat(methodReply, more);
            }
            in.compact();
            queue(answer);
            switch (handshake.state()) {
                case FAILED -> closeAfterWrite = true;
                // anything sent after the request waits in the buffer for the relay
                case REQUESTED -> requested(this, handshake.destination());
                default -> {
                }
            }
        }

        void write() throws IOException {
            if (out != null) {
                channel.write(out);
                if (out.hasRemaining()) {
                    return;
                }
                out = null;
                if (closeAfterWrite) {
                    close(this);
                    return;
                }
            }
            if (relaying() && peer != null) {
                ByteBuffer source = peer.in;
                source.flip();
                int n = channel.write(source);
                source.compact();
                if (n > 0) {
                    touch();
                }
                if (source.position() == 0 && peer.inputEnded && !outputShut) {
                    channel.shutdownOutput();
                    outputShut = true;
                    if (peer.outputShut) {
                        close(this); // both directions are finished
                        return;
                    }
                }
                peer.updateInterest();
            }
            updateInterest();
        }

        void updateInterest() {
            if (!open || !key.isValid()) {
                return;
            }
            int ops = 0;
            boolean relaying = relaying();
            if (out != null && out.hasRemaining()) {
                ops |= SelectionKey.OP_WRITE;
            }
            boolean handshaking = handshake.state() == Socks5Handshake.State.GREETING
                    || handshake.state() == Socks5Handshake.State.REQUEST;
            if (!inputEnded && !closeAfterWrite && in.hasRemaining()
                    && (handshaking || relaying || in.position() == 0)) {
                // before activation reading only notices a party that leaves
                ops |= SelectionKey.OP_READ;
            }
            if (relaying && peer != null
                    && (peer.in.position() > 0 || (peer.inputEnded && !outputShut))) {
                ops |= SelectionKey.OP_WRITE;
            }
            key.interestOps(ops);
        }

        @Override
        public String toString() {
            try {
                return "SOCKS5 " + channel.getRemoteAddress();
            } catch (IOException e) {
                return "SOCKS5 (closed)";
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}

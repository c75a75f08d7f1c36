package im.meerkat.connector.rar.net;

import java.io.IOException;
import java.util.Optional;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.ConnectionInfo;
import im.meerkat.connector.rar.ConnectorSettings;
import im.meerkat.connector.rar.bytestreams.BytestreamProxy;
import im.meerkat.connector.rar.bytestreams.BytestreamSettings;
import im.meerkat.connector.rar.delivery.DeliveryDispatcher;
import im.meerkat.connector.rar.delivery.Mailbox;
import im.meerkat.connector.rar.tls.TlsServerContext;
import im.meerkat.connector.rar.work.TaskRunner;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;

/**
 * The connector's network core, free of JCA so that tests can drive it over real sockets:
 * selector loops on long-running tasks, listeners, the registry of this node's connections,
 * and the operations the outbound connection handle forwards to a connection by id.
 */
public final class ConnectorEngine {

    private static final Logger LOG = Logger.getLogger(ConnectorEngine.class.getName());

    private final ConnectorSettings settings;
    private final TaskRunner runner;
    private final TlsServerContext tls;
    private final DeliveryDispatcher dispatcher;
    private final List<SelectorLoop> loops = new ArrayList<>();
    private final Map<Long, Connection> connections = new ConcurrentHashMap<>();
    private final Map<Listener, Boolean> listeners = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private volatile boolean running;
    private volatile BytestreamProxy bytestreamProxy;

    /**
     * @param tls the server's TLS context, or null when TLS cannot be offered (direct TLS
     *            listeners then refuse to open and STARTTLS ends the connection)
     */
    public ConnectorEngine(ConnectorSettings settings, TaskRunner runner, TlsServerContext tls) {
        this.settings = settings;
        this.runner = runner;
        this.tls = tls;
        this.dispatcher = new DeliveryDispatcher(runner, settings.deliveryThreads());
    }

    /** Opens the selectors and starts their loops. */
    public synchronized void start() throws IOException {
        if (running) {
            return;
        }
        long tick = settings.tickInterval().toNanos();
        for (int i = 0; i < settings.selectorThreads(); i++) {
            Runnable onTick = i == 0 ? dispatcher::tick : () -> { };
            SelectorLoop loop = new SelectorLoop("meerkat-xmpp-selector-" + i, tick, onTick);
            loops.add(loop);
            runner.runLongRunning(loop, loop::shutdown);
        }
        running = true;
    }

    /** Starts listening; connections it accepts deliver to {@code target}. */
    public Listener open(ListenerSpec spec,
            im.meerkat.connector.rar.delivery.DeliveryTarget target) throws IOException {
        if (!running) {
            throw new IllegalStateException("the connector is not running");
        }
        if (spec.directTls() && tls == null) {
            throw new IOException("listener " + spec.name() + " needs TLS, which is unavailable");
        }
        SelectorLoop loop = loops.get(0);
        Listener listener = new Listener(spec, target, this, loop);
        listeners.put(listener, Boolean.TRUE);
        loop.execute(listener::register);
        LOG.info(() -> "XMPP listener " + spec.name() + " on " + listener.localAddress());
        return listener;
    }

    void accepted(SocketChannel channel, Listener listener) {
        ConnectionInfo info;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            ListenerSpec spec = listener.spec();
            info = new ConnectionInfo(spec.name(), spec.kind(), spec.directTls(),
                    (InetSocketAddress) channel.getRemoteAddress(),
                    (InetSocketAddress) channel.getLocalAddress());
        } catch (IOException e) {
            // the peer left before we got to it
            closeQuietly(channel);
            return;
        }
        ConnectionId id = new ConnectionId(ids.incrementAndGet());
        SelectorLoop loop = loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
        Connection connection = new Connection(id, info, channel, loop, settings, tls,
                (cid, resume) -> new Mailbox(cid, listener.target(), dispatcher,
                        settings.mailboxCapacity(), resume),
                () -> connections.remove(id.value()));
        connections.put(id.value(), connection);
        loop.execute(connection::register);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing an accepted socket", e);
        }
    }

    /** Stops a listener and ends its connections with {@code <system-shutdown/>}. */
    void closeListener(Listener listener) {
        if (listeners.remove(listener) == null) {
            return;
        }
        listener.closeSocket();
        StreamError error = StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN);
        for (Connection c : connections.values()) {
            if (c.info().listener().equals(listener.spec().name())) {
                c.beginClose(error, new CloseReason(CloseReason.Cause.SHUTDOWN, error), false);
            }
        }
    }

    /**
     * Opens the SOCKS5 bytestream proxy (XEP-0065) on {@code address} and runs its loop as one
     * more long-running task.
     */
    public synchronized BytestreamProxy startBytestreamProxy(BytestreamSettings proxySettings,
            InetSocketAddress address) throws IOException {
        if (!running) {
            throw new IllegalStateException("the connector is not started");
        }
        if (bytestreamProxy != null) {
            return bytestreamProxy;
        }
        BytestreamProxy proxy = BytestreamProxy.open(proxySettings, address);
        try {
            runner.runLongRunning(proxy, proxy::shutdown);
        } catch (RuntimeException e) {
            proxy.shutdown();
            proxy.run(); // closes its socket at once
            throw e;
        }
        bytestreamProxy = proxy;
        return proxy;
    }

    /** The SOCKS5 bytestream proxy, when one runs. */
    public Optional<BytestreamProxy> bytestreamProxy() {
        return Optional.ofNullable(bytestreamProxy);
    }

    /** Closes every listener and connection, then stops the loops. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        BytestreamProxy proxy = bytestreamProxy;
        bytestreamProxy = null;
        if (proxy != null) {
            proxy.shutdown();
            try {
                if (!proxy.awaitStopped(5000)) {
                    LOG.warning("the SOCKS5 proxy loop did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Listener listener : List.copyOf(listeners.keySet())) {
            closeListener(listener);
        }
        long deadline = System.nanoTime() + settings.closeGrace().toNanos();
        while (!connections.isEmpty() && System.nanoTime() - deadline < 0) {
            sleep(20);
        }
        for (SelectorLoop loop : loops) {
            loop.shutdown();
        }
        for (SelectorLoop loop : loops) {
            try {
                if (!loop.awaitStopped(5000)) {
                    LOG.warning("a selector loop did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        loops.clear();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Whether this engine holds that connection now. */
    public boolean isOpen(ConnectionId id) {
        Connection c = connections.get(id.value());
        return c != null && c.isOpen();
    }

    public boolean openStream(ConnectionId id, StreamHeader header) {
        Connection c = connections.get(id.value());
        return c != null && c.openStream(header);
    }

    public boolean send(ConnectionId id, Element element) {
        Connection c = connections.get(id.value());
        return c != null && c.send(element);
    }

    public boolean startTls(ConnectionId id) {
        Connection c = connections.get(id.value());
        if (c == null) {
            return false;
        }
        if (tls == null) {
            LOG.log(Level.WARNING, "STARTTLS requested for {0} but TLS is unavailable", id);
            c.abort();
            return false;
        }
        return c.startTls();
    }

    public boolean restartStream(ConnectionId id) {
        Connection c = connections.get(id.value());
        return c != null && c.restartStream();
    }

    public void closeStream(ConnectionId id, StreamError error) {
        Connection c = connections.get(id.value());
        if (c != null) {
            c.closeStream(error);
        }
    }

    public void abort(ConnectionId id) {
        Connection c = connections.get(id.value());
        if (c != null) {
            c.abort();
        }
    }
}

package im.meerkat.connector.rar.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.logging.Level;
import java.util.logging.Logger;

import im.meerkat.connector.rar.delivery.DeliveryTarget;

/**
 * An open listening socket. Accepting runs on the first selector loop; the engine spreads the
 * accepted connections over all loops. Closing it stops accepting and ends the connections it
 * accepted with {@code <system-shutdown/>}.
 */
public final class Listener implements SelectorLoop.Handler {

    private static final Logger LOG = Logger.getLogger(Listener.class.getName());

    private final ListenerSpec spec;
    private final DeliveryTarget target;
    private final ServerSocketChannel server;
    private final ConnectorEngine engine;
    private final SelectorLoop loop;
    private SelectionKey key;

    Listener(ListenerSpec spec, DeliveryTarget target, ConnectorEngine engine, SelectorLoop loop)
            throws IOException {
        this.spec = spec;
        this.target = target;
        this.engine = engine;
        this.loop = loop;
        this.server = ServerSocketChannel.open();
        try {
            server.bind(spec.address(), 1024);
            server.configureBlocking(false);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen for " + spec.name() + " on " + spec.address()
                    + ": " + e.getMessage(), e);
        }
    }

    void register() {
        try {
            key = server.register(loop.selector(), SelectionKey.OP_ACCEPT, this);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot accept on " + spec.address(), e);
        }
    }

    public ListenerSpec spec() {
        return spec;
    }

    DeliveryTarget target() {
        return target;
    }

    /** Where it listens, with the actual port when port 0 was asked for. */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            return spec.address();
        }
    }

    @Override
    public void ready(SelectionKey selected) {
        try {
            SocketChannel channel;
            while ((channel = server.accept()) != null) {
                engine.accepted(channel, this);
            }
        } catch (IOException e) {
            // Out of file descriptors, typically. The socket stays ready to accept, so pause
            // until the next tick instead of spinning on it.
            LOG.log(Level.WARNING, "accept failed on " + spec.address() + ": " + e.getMessage());
            selected.interestOps(0);
            loop.onNextTick(() -> {
                if (selected.isValid()) {
                    selected.interestOps(SelectionKey.OP_ACCEPT);
                }
            });
        }
    }

    /** Stops accepting and ends this listener's connections. */
    public void close() {
        engine.closeListener(this);
    }

    void closeSocket() {
        loop.execute(() -> {
            if (key != null) {
                key.cancel();
            }
            try {
                server.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing " + spec.address(), e);
            }
        });
    }
}

package im.meerkat.server.inbound;

import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.ConnectionInfo;
import im.meerkat.connector.api.XmppConnection;
import im.meerkat.connector.api.XmppConnectionFactory;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.server.stream.StreamChannel;
import im.meerkat.server.stream.StreamTransport;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import jakarta.resource.ResourceException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Function;

/**
 * A TCP client stream of the resource adapter, as the stream state machine and the session layer
 * see it. Every call takes a connection handle from the factory and gives it back; the adapter
 * queues the output and keeps its order (architecture invariant 2).
 */
public final class ConnectorChannel implements StreamChannel, StreamTransport {

    private static final System.Logger LOG = System.getLogger(ConnectorChannel.class.getName());

    private final XmppConnectionFactory factory;
    private final ConnectionId connection;
    private final ChannelId id;
    private final InetSocketAddress remote;

    public ConnectorChannel(XmppConnectionFactory factory, String node, ConnectionId connection, ConnectionInfo info) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.id = channelId(node, connection);
        this.remote = info == null ? null : info.remote();
    }

    /** The channel id of a connector connection: this node and {@link ConnectionId#toString()}. */
    public static ChannelId channelId(String node, ConnectionId connection) {
        return new ChannelId(node, connection.toString());
    }

    @Override
    public ChannelId id() {
        return id;
    }

    @Override
    public String transport() {
        return "tcp";
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public boolean send(Element element) {
        return call(c -> c.send(connection, element));
    }

    @Override
    public void close(StreamError error) {
        call(c -> {
            c.closeStream(connection, error);
            return true;
        });
    }

    @Override
    public void openStream(StreamHeader response) {
        call(c -> c.openStream(connection, response));
    }

    @Override
    public boolean supportsStartTls() {
        return true;
    }

    @Override
    public void startTls() {
        call(c -> c.startTls(connection));
    }

    @Override
    public void restart() {
        call(c -> c.restartStream(connection));
    }

    private boolean call(Function<XmppConnection, Boolean> action) {
        try (XmppConnection c = factory.getConnection()) {
            return action.apply(c);
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "no connection handle for " + id, e);
            return false;
        }
    }

    @Override
    public String toString() {
        return "tcp " + id + " from " + remote;
    }
}

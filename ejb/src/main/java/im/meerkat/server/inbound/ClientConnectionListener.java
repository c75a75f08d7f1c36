package im.meerkat.server.inbound;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.ConnectionInfo;
import im.meerkat.connector.api.StanzaListener;
import im.meerkat.connector.api.StreamKind;
import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.connector.api.XmppConnectionFactory;
import im.meerkat.server.metrics.ServerMetrics;
import im.meerkat.server.stream.StreamService;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Receives what the resource adapter reads on the client listeners ({@code c2s} on 5222 and
 * {@code c2s-tls} on 5223) and hands it to {@link StreamService}. It only translates: connector
 * ids become channel ids of this node ({@code jboss.node.name}).
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "listeners", propertyValue = "c2s,c2s-tls")
})
@ResourceAdapter("meerkat-xmpp")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClientConnectionListener implements StanzaListener {

    private static final System.Logger LOG = System.getLogger(ClientConnectionListener.class.getName());

    private String node = System.getProperty("jboss.node.name", "local");

    @Resource(lookup = XmppConnectionFactory.JNDI_NAME)
    private XmppConnectionFactory factory;

    @EJB
    private StreamService streams;

    @Inject
    private ServerMetrics metrics = ServerMetrics.none();

    public ClientConnectionListener() {
    }

    /** Outside a container, for tests. */
    ClientConnectionListener(XmppConnectionFactory factory, StreamService streams, String node) {
        this.factory = factory;
        this.streams = streams;
        this.node = node;
    }

    @Override
    public void connectionOpened(ConnectionId id, ConnectionInfo info) {
        if (info.kind() != StreamKind.CLIENT) {
            LOG.log(Level.WARNING, "listener {0} delivers {1} streams to the client bean; {2} ignored",
                    info.listener(), info.kind(), id);
            return;
        }
        ConnectorChannel channel = new ConnectorChannel(factory, node, id, info);
        streams.opened(channel, channel);
    }

    @Override
    public void streamOpened(ConnectionId id, StreamHeader header, TransportSecurity security) {
        streams.header(ConnectorChannel.channelId(node, id), header, security);
    }

    @Override
    public void elementReceived(ConnectionId id, Element element) {
        streams.element(ConnectorChannel.channelId(node, id), element);
    }

    @Override
    public void streamClosed(ConnectionId id) {
        streams.peerClosed(ConnectorChannel.channelId(node, id));
    }

    @Override
    public void connectionClosed(ConnectionId id, CloseReason reason) {
        LOG.log(Level.DEBUG, "connection {0} closed: {1}", id, reason.cause());
        metrics.connectionClosed(reason.cause());
        streams.closed(ConnectorChannel.channelId(node, id));
    }
}

package im.meerkat.server.bytestreams;

import im.meerkat.connector.api.BytestreamActivation;
import im.meerkat.connector.api.XmppConnection;
import im.meerkat.connector.api.XmppConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ResourceException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Optional;

/** The relay of the resource adapter, reached through its connection factory. */
@ApplicationScoped
public class ConnectorRelay implements BytestreamRelay {

    private static final System.Logger LOG = System.getLogger(ConnectorRelay.class.getName());

    @Resource(lookup = XmppConnectionFactory.JNDI_NAME)
    private XmppConnectionFactory factory;

    @Override
    public Optional<InetSocketAddress> address() {
        if (factory == null) {
            return Optional.empty();
        }
        try (XmppConnection c = factory.getConnection()) {
            return c.bytestreamProxy();
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "no connection handle for the SOCKS5 proxy", e);
            return Optional.empty();
        }
    }

    @Override
    public BytestreamActivation activate(String destination) {
        if (factory == null) {
            return BytestreamActivation.NO_PROXY;
        }
        try (XmppConnection c = factory.getConnection()) {
            return c.activateBytestream(destination);
        } catch (ResourceException e) {
            LOG.log(Level.WARNING, "no connection handle for the SOCKS5 proxy", e);
            return BytestreamActivation.NO_PROXY;
        }
    }
}

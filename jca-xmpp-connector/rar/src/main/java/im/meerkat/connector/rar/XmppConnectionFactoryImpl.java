package im.meerkat.connector.rar;

import javax.naming.Reference;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import im.meerkat.connector.api.XmppConnection;
import im.meerkat.connector.api.XmppConnectionFactory;

/**
 * The connection factory bound at {@code java:/eis/XmppConnectionFactory} (Connectors 2.1
 * §6.5.1): allocates handles through the application server's connection manager.
 */
public class XmppConnectionFactoryImpl implements XmppConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final XmppManagedConnectionFactory factory;
    private final ConnectionManager manager;
    private Reference reference;

    public XmppConnectionFactoryImpl(XmppManagedConnectionFactory factory,
            ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public XmppConnection getConnection() throws ResourceException {
        return (XmppConnection) manager.allocateConnection(factory, null);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}

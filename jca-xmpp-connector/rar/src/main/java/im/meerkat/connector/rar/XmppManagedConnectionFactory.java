package im.meerkat.connector.rar;

import java.io.PrintWriter;
import java.io.Serializable;
import java.util.Set;

import javax.security.auth.Subject;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

import im.meerkat.connector.rar.net.ConnectorEngine;

/**
 * The outbound side (Connectors 2.1 §6.5.3): makes the {@link XmppConnectionFactoryImpl} the
 * server finds at {@code java:/eis/XmppConnectionFactory}. A managed connection is not a
 * socket: every one of them reaches all of this node's XMPP connections through the adapter's
 * engine, so any pooled instance matches any request. No transactions.
 */
public class XmppManagedConnectionFactory implements ManagedConnectionFactory,
        ResourceAdapterAssociation, Serializable {

    private static final long serialVersionUID = 1L;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        return new XmppConnectionFactoryImpl(this, manager);
    }

    @Override
    public Object createConnectionFactory() {
        return new XmppConnectionFactoryImpl(this, new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
        return new XmppManagedConnection(this);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject,
            ConnectionRequestInfo info) {
        for (Object candidate : candidates) {
            if (candidate instanceof XmppManagedConnection mc && mc.factory() == this) {
                return mc;
            }
        }
        return null;
    }

    ConnectorEngine engine() throws ResourceException {
        if (!(resourceAdapter instanceof XmppResourceAdapter ra)) {
            throw new ResourceException("not associated with the XMPP resource adapter");
        }
        return ra.engine();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        this.resourceAdapter = ra;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /** Instances have no properties of their own: any two are interchangeable. */
    @Override
    public boolean equals(Object o) {
        return o instanceof XmppManagedConnectionFactory;
    }

    @Override
    public int hashCode() {
        return XmppManagedConnectionFactory.class.hashCode();
    }

    /** Used outside a container: allocates without pooling. */
    private static final class UnmanagedConnectionManager implements ConnectionManager {
        private static final long serialVersionUID = 1L;

        @Override
        public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo info)
                throws ResourceException {
            return mcf.createManagedConnection(null, info).getConnection(null, info);
        }
    }
}

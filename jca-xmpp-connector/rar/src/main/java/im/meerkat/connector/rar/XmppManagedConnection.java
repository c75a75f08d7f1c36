package im.meerkat.connector.rar;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import im.meerkat.connector.rar.net.ConnectorEngine;

/**
 * A pooled outbound connection (Connectors 2.1 §6.5.4): hands out {@link XmppConnectionHandle}s
 * and tells the pool when one is closed. It holds no socket; the handles write through the
 * adapter's engine.
 */
final class XmppManagedConnection implements ManagedConnection {

    private final XmppManagedConnectionFactory factory;
    private final Set<XmppConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private PrintWriter logWriter;

    XmppManagedConnection(XmppManagedConnectionFactory factory) {
        this.factory = factory;
    }

    XmppManagedConnectionFactory factory() {
        return factory;
    }

    ConnectorEngine engine() throws ResourceException {
        return factory.engine();
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        XmppConnectionHandle handle = new XmppConnectionHandle(this, engine());
        handles.add(handle);
        return handle;
    }

    /** A handle was closed by its user: the pool may take this connection back. */
    void closed(XmppConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof XmppConnectionHandle handle)) {
            throw new ResourceException("not an XMPP connection handle: " + connection);
        }
        handle.associate(this);
        handles.add(handle);
    }

    void dissociate(XmppConnectionHandle handle) {
        handles.remove(handle);
    }

    @Override
    public void cleanup() {
        handles.forEach(XmppConnectionHandle::invalidate);
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("the XMPP connector is not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("the XMPP connector is not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "Meerkat XMPP connector";
            }

            @Override
            public String getEISProductVersion() {
                String version = XmppManagedConnection.class.getPackage()
                        .getImplementationVersion();
                return version == null ? "unknown" : version;
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return null;
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}

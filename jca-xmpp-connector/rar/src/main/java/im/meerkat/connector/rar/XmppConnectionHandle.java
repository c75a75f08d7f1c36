package im.meerkat.connector.rar;

import java.net.InetSocketAddress;
import java.util.Optional;

import im.meerkat.connector.api.BytestreamActivation;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.XmppConnection;
import im.meerkat.connector.rar.bytestreams.BytestreamProxy;
import im.meerkat.connector.rar.net.ConnectorEngine;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;

/**
 * The {@link XmppConnection} an EJB gets from the factory. Every call goes straight to the
 * engine: serializing happens on the caller's thread and nothing waits for the network. Using
 * a handle after {@link #close()} is a programming error and throws.
 */
public final class XmppConnectionHandle implements XmppConnection {

    private volatile XmppManagedConnection managed;
    private final ConnectorEngine engine;
    private volatile boolean closed;

    XmppConnectionHandle(XmppManagedConnection managed, ConnectorEngine engine) {
        this.managed = managed;
        this.engine = engine;
    }

    private ConnectorEngine engine() {
        if (closed) {
            throw new IllegalStateException("this XmppConnection handle is closed");
        }
        return engine;
    }

    @Override
    public boolean openStream(ConnectionId id, StreamHeader header) {
        return engine().openStream(id, header);
    }

    @Override
    public boolean send(ConnectionId id, Element element) {
        return engine().send(id, element);
    }

    @Override
    public boolean startTls(ConnectionId id) {
        return engine().startTls(id);
    }

    @Override
    public boolean restartStream(ConnectionId id) {
        return engine().restartStream(id);
    }

    @Override
    public void closeStream(ConnectionId id, StreamError error) {
        engine().closeStream(id, error);
    }

    @Override
    public void abort(ConnectionId id) {
        engine().abort(id);
    }

    @Override
    public boolean isOpen(ConnectionId id) {
        return engine().isOpen(id);
    }

    @Override
    public Optional<InetSocketAddress> bytestreamProxy() {
        return engine().bytestreamProxy().map(BytestreamProxy::address);
    }

    @Override
    public BytestreamActivation activateBytestream(String destination) {
        return engine().bytestreamProxy().map(p -> p.activate(destination))
                .orElse(BytestreamActivation.NO_PROXY);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        XmppManagedConnection owner = managed;
        if (owner != null) {
            owner.closed(this);
        }
    }

    void associate(XmppManagedConnection owner) {
        XmppManagedConnection previous = managed;
        if (previous != null && previous != owner) {
            previous.dissociate(this);
        }
        managed = owner;
    }

    /** The managed connection was cleaned up or destroyed under this handle. */
    void invalidate() {
        closed = true;
        managed = null;
    }
}

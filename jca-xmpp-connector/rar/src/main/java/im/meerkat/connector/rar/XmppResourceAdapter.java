package im.meerkat.connector.rar;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.transaction.xa.XAResource;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import im.meerkat.connector.rar.bytestreams.BytestreamSettings;
import im.meerkat.connector.rar.delivery.EndpointTarget;
import im.meerkat.connector.rar.net.ConnectorEngine;
import im.meerkat.connector.rar.net.Listener;
import im.meerkat.connector.rar.net.ListenerSpec;
import im.meerkat.connector.rar.tls.TlsServerContext;
import im.meerkat.connector.rar.work.WorkManagerRunner;
import im.meerkat.xmpp.stream.ParserLimits;

/**
 * The XMPP resource adapter (Connectors 2.1 §5.3): starts the {@link ConnectorEngine} on the
 * WorkManager, opens the listeners a message-driven bean's activation names and closes them when
 * it deactivates. Its config properties (declared in ra.xml) are the engine's tunables; the
 * defaults are those of {@link ConnectorSettings}.
 */
public class XmppResourceAdapter extends ResourceAdapterProperties implements ResourceAdapter,
        Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(XmppResourceAdapter.class.getName());

    private transient volatile ConnectorEngine engine;
    private transient Map<MessageEndpointFactory, Activation> activations;
    private transient SocketBindings bindings;

    /** One activation: its target and the listeners it opened. */
    private record Activation(EndpointTarget target, List<Listener> listeners) {
    }

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        ConnectorSettings settings = settings();
        TlsServerContext tls = null;
        try {
            tls = TlsSettings.fromEnvironment().open();
        } catch (Exception | LinkageError e) {
            LOG.log(Level.SEVERE, "TLS is unavailable: direct TLS listeners will not open and"
                    + " STARTTLS cannot be offered", e);
        }
        activations = new ConcurrentHashMap<>();
        bindings = new SocketBindings();
        ConnectorEngine started = new ConnectorEngine(settings,
                new WorkManagerRunner(context.getWorkManager()), tls);
        try {
            started.start();
        } catch (IOException | RuntimeException e) {
            throw new ResourceAdapterInternalException("cannot start the XMPP connector", e);
        }
        engine = started;
        LOG.info(() -> "XMPP connector started: " + settings);
    }

    /**
     * The SOCKS5 proxy (XEP-0065) belongs to the adapter, which owns the node's sockets. It opens
     * with the first listeners, when the socket bindings can be read (at the adapter's start the
     * management model is not there yet), and closes when the adapter stops. A port that cannot
     * be bound leaves XMPP running without it.
     */
    private void startBytestreamProxy(ConnectorEngine started) {
        if (started.bytestreamProxy().isPresent()) {
            return;
        }
        BytestreamSettings proxySettings;
        try {
            proxySettings = BytestreamSettings.fromEnvironment();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "invalid meerkat.proxy65 settings: no SOCKS5 proxy", e);
            return;
        }
        if (!proxySettings.enabled()) {
            LOG.info("SOCKS5 bytestream proxy off (meerkat.proxy65.enabled=false)");
            return;
        }
        InetSocketAddress address = bindings.address(ListenerSpec.PROXY65);
        try {
            started.startBytestreamProxy(proxySettings, address);
            LOG.info(() -> "SOCKS5 bytestream proxy listening on " + address + ": "
                    + proxySettings);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot open the SOCKS5 bytestream proxy on " + address, e);
        }
    }

    @Override
    public void stop() {
        ConnectorEngine running = engine;
        engine = null;
        if (running != null) {
            running.stop();
        }
    }

    /** The running engine, for the outbound connections. */
    public ConnectorEngine engine() throws ResourceException {
        ConnectorEngine running = engine;
        if (running == null) {
            throw new ResourceException("the XMPP resource adapter is not started");
        }
        return running;
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec)
            throws ResourceException {
        if (!(spec instanceof XmppActivationSpec xmppSpec)) {
            throw new NotSupportedException("not an XMPP activation spec: " + spec);
        }
        ConnectorEngine running = engine();
        EndpointTarget target = new EndpointTarget(factory);
        List<Listener> opened = new ArrayList<>();
        try {
            for (String name : xmppSpec.listenerNames()) {
                opened.add(running.open(ListenerSpec.named(name, bindings.address(name)),
                        target));
            }
        } catch (IOException | RuntimeException e) {
            opened.forEach(Listener::close);
            throw new ResourceException("cannot open the XMPP listeners "
                    + xmppSpec.getListeners() + ": " + e.getMessage(), e);
        }
        activations.put(factory, new Activation(target, opened));
        startBytestreamProxy(running);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        Activation activation = activations == null ? null : activations.remove(factory);
        if (activation == null) {
            return;
        }
        activation.listeners().forEach(Listener::close);
        // The closing connections get their grace period, and their last connectionClosed
        // still reaches the bean before the factory is let go.
        activation.target().awaitDetached(
                Duration.ofMillis(getCloseGraceMillis()).plusSeconds(1));
        activation.target().deactivate();
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return null;
    }

    /** The engine's tunables from the config properties. */
    ConnectorSettings settings() {
        return new ConnectorSettings(getSelectorThreads(), getDeliveryThreads(),
                getMailboxCapacity(), getOutboundQueueBytes(),
                Duration.ofSeconds(getKeepaliveSeconds()),
                Duration.ofSeconds(getIdleTimeoutSeconds()),
                Duration.ofMillis(getCloseGraceMillis()),
                new ParserLimits(getMaxStanzaBytes(), getMaxDepth(), getMaxAttributes()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XmppResourceAdapter other && sameProperties(other);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getSelectorThreads(), getMaxStanzaBytes());
    }
}

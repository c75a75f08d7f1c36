package im.meerkat.connector.rar.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.StanzaListener;

/**
 * Delivers to the message-driven beans of one endpoint activation (Connectors 2.1 §13.5): one
 * endpoint is created per batch, called once per event, and released. The listener methods are
 * not transacted by the adapter, so no beforeDelivery/afterDelivery brackets are needed: the
 * container applies each method's own transaction attribute.
 */
public final class EndpointTarget implements DeliveryTarget {

    private static final Logger LOG = Logger.getLogger(EndpointTarget.class.getName());

    private final MessageEndpointFactory factory;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean deactivated;

    public EndpointTarget(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    /** After deactivation the factory must not be used again (§13.4.4); events are dropped. */
    public void deactivate() {
        deactivated = true;
    }

    @Override
    public void attached() {
        connections.incrementAndGet();
    }

    @Override
    public void detached() {
        connections.decrementAndGet();
    }

    /**
     * Waits until every connection delivering here has had its connectionClosed delivered,
     * at most {@code timeout}; used before deactivation so that the beans hear of each end.
     */
    public void awaitDetached(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connections.get() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public MessageEndpointFactory factory() {
        return factory;
    }

    @Override
    public void deliver(ConnectionId id, List<DeliveryEvent> events) {
        if (deactivated) {
            return;
        }
        MessageEndpoint endpoint;
        try {
            endpoint = factory.createEndpoint(null);
        } catch (UnavailableException | RuntimeException e) {
            refused(id, events, e);
            return;
        }
        try {
            StanzaListener listener = (StanzaListener) endpoint;
            for (DeliveryEvent event : events) {
                deliverOne(listener, id, event);
            }
        } finally {
            endpoint.release();
        }
    }

    private void deliverOne(StanzaListener listener, ConnectionId id, DeliveryEvent event) {
        try {
            event.deliverTo(listener, id);
        } catch (RuntimeException e) {
            if (deactivated || event instanceof DeliveryEvent.Closed) {
                // At undeploy WildFly refuses calls to an endpoint being deactivated
                // (WFLYEJB0421); the final connectionClosed has nobody left to tell.
                LOG.log(Level.FINE, "delivery to a stopping endpoint refused for " + id, e);
            } else {
                LOG.log(Level.WARNING, "listener failed on " + event.getClass().getSimpleName()
                        + " for " + id, e);
            }
        }
    }

    private void refused(ConnectionId id, List<DeliveryEvent> events, Exception e) {
        boolean onlyClose = events.size() == 1 && events.get(0) instanceof DeliveryEvent.Closed;
        Level level = deactivated || onlyClose ? Level.FINE : Level.WARNING;
        LOG.log(level, "no message endpoint for " + id + "; " + events.size()
                + " event(s) dropped", e);
    }
}

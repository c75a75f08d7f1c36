package im.meerkat.connector.rar.delivery;

import java.util.List;

import im.meerkat.connector.api.ConnectionId;

/**
 * Where a listener's mailboxes deliver: in the server, the message endpoints of one activation
 * ({@link EndpointTarget}). Called from delivery threads, never from a selector thread.
 */
public interface DeliveryTarget {

    /**
     * Delivers a batch of one connection's events in order. Failures of single events are the
     * target's to log; they must not stop the rest of the batch.
     */
    void deliver(ConnectionId id, List<DeliveryEvent> events);

    /** A connection now delivers here; {@link #detached()} follows its connectionClosed. */
    default void attached() {
    }

    /** A connection's last event has been delivered (or dropped). */
    default void detached() {
    }
}

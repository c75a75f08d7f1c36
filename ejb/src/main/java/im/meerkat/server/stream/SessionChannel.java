package im.meerkat.server.stream;

import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The channel a bound session writes to, for the session's whole life, whatever connection
 * carries it at the moment: it keeps the {@link ChannelId} of the connection that bound the
 * resource, so the session table and routing never learn of a resumption (XEP-0198 §5). Besides
 * forwarding, it keeps the session's stream management state (XEP-0198: the count of handled
 * inbound stanzas and the queue of unacknowledged outbound ones) and its client state (XEP-0352:
 * presence held while inactive).
 *
 * <p>One lock guards it all, so that stanzas are queued and written in the order they were routed
 * (architecture invariant 2), also across a resumption: the retransmission and the switch to the
 * new connection happen under the lock.
 */
final class SessionChannel implements StreamChannel {

    /** What {@link #detach} found. */
    enum Detach {
        /** The session waits for a resumption. */
        DETACHED,
        /** The session cannot be resumed: it must end. */
        END,
        /** The session has moved to another connection or has ended already: nothing to do. */
        NOT_ATTACHED
    }

    /** Told once when a session ends, with the stanzas the client had not acknowledged. */
    interface EndListener {

        void ended(SessionChannel session, List<UnackedQueue.Unacked> unacked);
    }

    private static final Element REQUEST = Element.empty(StreamManagement.R);

    private final ChannelId id;
    private final String transport;
    private final InetSocketAddress remote;
    private final SmSettings settings;
    private final LongSupplier clock;
    private final EndListener endListener;
    private Jid jid;
    private StreamChannel connection;
    private UnackedQueue unacked;
    private long handled;
    private String resumeId;
    private Duration resumeTimeout;
    private int sinceRequest;
    private boolean overflowed;
    private boolean inactive;
    private final PresenceHold hold = new PresenceHold();
    private boolean ended;
    private long generation;
    private Runnable onOverflow = () -> { };

    SessionChannel(StreamChannel connection, SmSettings settings, LongSupplier clock, EndListener endListener) {
        this.id = connection.id();
        this.transport = connection.transport();
        this.remote = connection.remote();
        this.connection = connection;
        this.settings = settings;
        this.clock = clock;
        this.endListener = endListener;
    }

    @Override
    public ChannelId id() {
        return id;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    synchronized void bound(Jid fullJid, Runnable overflow) {
        this.jid = fullJid;
        this.onOverflow = overflow;
    }

    synchronized Jid jid() {
        return jid;
    }

    /**
     * Writes a stanza (or any element) to the client. With stream management on, a stanza stays
     * queued until acknowledged, also while no connection carries the session (it is then resent
     * on resumption or handled as undelivered at the end), so it is never lost.
     */
    @Override
    public boolean send(Element element) {
        Runnable overflow = null;
        boolean sent;
        synchronized (this) {
            if (ended) {
                return false;
            }
            if (!Stanza.isStanza(element)) {
                return connection != null && connection.send(element);
            }
            if (inactive && PresenceHold.holdable(element)) {
                hold.hold(element);
                return true;
            }
            releaseHeld();
            sent = write(element);
            if (unacked != null && unacked.overCapacity() && !overflowed) {
                overflowed = true;
                overflow = onOverflow;
            }
        }
        if (overflow != null) {
            overflow.run();
        }
        return sent;
    }

    /** Under the lock: writes one stanza, queued when stream management is on. */
    private boolean write(Element stanza) {
        if (unacked == null) {
            return connection != null && connection.send(stanza);
        }
        unacked.add(stanza, clock.getAsLong());
        if (connection != null) {
            connection.send(stanza);
            if (++sinceRequest >= settings.ackRequestEvery()) {
                sinceRequest = 0;
                connection.send(REQUEST);
            }
        }
        return true;
    }

    private void releaseHeld() {
        if (!hold.isEmpty()) {
            for (Element presence : hold.release()) {
                write(presence);
            }
        }
    }

    /**
     * Ends the session from outside its stream (resource conflict, an administrator, another
     * node, too many unacknowledged stanzas): no more writes, the listener handles the
     * unacknowledged stanzas, and the connection, if one carries the session, closes with the error.
     */
    @Override
    public void close(StreamError error) {
        List<UnackedQueue.Unacked> lost;
        StreamChannel current;
        synchronized (this) {
            if (ended) {
                return;
            }
            current = connection;
            lost = endLocked();
        }
        endListener.ended(this, lost);
        if (current != null) {
            current.close(error);
        }
    }

    /**
     * Ends the session from its own stream (clean close, stream error, timeout): no more writes.
     * The listener unbinds the session and hands over the unacknowledged stanzas.
     *
     * @return false when it had ended already
     */
    boolean end() {
        List<UnackedQueue.Unacked> lost;
        synchronized (this) {
            if (ended) {
                return false;
            }
            lost = endLocked();
        }
        endListener.ended(this, lost);
        return true;
    }

    private List<UnackedQueue.Unacked> endLocked() {
        ended = true;
        connection = null;
        hold.release(); // presence is not worth keeping (XEP-0198 §5 treats it as dropped)
        return unacked == null ? List.of() : unacked.drain();
    }

    synchronized boolean ended() {
        return ended;
    }

    // ---- XEP-0198 ----

    synchronized boolean enabled() {
        return unacked != null;
    }

    /**
     * Enables stream management (XEP-0198 §3); with a resume id, resumption too.
     *
     * @param timeout how long the session waits for a resumption, when {@code resumeId} is set
     */
    synchronized void enable(String newResumeId, Duration timeout) {
        unacked = new UnackedQueue(settings.maxUnacked());
        resumeId = newResumeId;
        resumeTimeout = timeout;
    }

    synchronized String resumeId() {
        return resumeId;
    }

    synchronized Duration resumeTimeout() {
        return resumeTimeout;
    }

    /** One more inbound stanza handled (XEP-0198 §4). */
    synchronized void handled() {
        if (unacked != null) {
            handled = UnackedQueue.increment(handled);
        }
    }

    synchronized long handledCount() {
        return handled;
    }

    synchronized long sentCount() {
        return unacked == null ? 0 : unacked.sent();
    }

    synchronized int unackedCount() {
        return unacked == null ? 0 : unacked.size();
    }

    /** The client's {@code <a h/>}. */
    synchronized void acknowledge(long h) throws UnackedQueue.HandledCountTooHigh {
        if (unacked != null) {
            unacked.acknowledge(h);
        }
    }

    /**
     * The connection under the session is gone. With resumption on, the session stays and queues
     * what is routed to it; else it must end.
     */
    synchronized Detach detach(ChannelId lost) {
        if (ended || connection == null || !connection.id().equals(lost)) {
            return Detach.NOT_ATTACHED;
        }
        if (resumeId == null) {
            return Detach.END;
        }
        connection = null;
        generation++;
        return Detach.DETACHED;
    }

    /** The generation of the current attachment, for a timeout to check it is still the one it was set for. */
    synchronized long generation() {
        return generation;
    }

    synchronized boolean detached() {
        return !ended && connection == null;
    }

    /**
     * Ends the session if it is still detached since {@code generation}: the resumption timeout
     * expired (XEP-0198 §5).
     */
    boolean expire(long expectedGeneration) {
        synchronized (this) {
            if (ended || connection != null || generation != expectedGeneration) {
                return false;
            }
        }
        return end();
    }

    /**
     * Moves the session to a new connection (XEP-0198 §5): takes the client's {@code h}, writes
     * {@code resumed}, then every stanza the client has not acknowledged, in order, and from then
     * on writes to the new connection. The client is active again (XEP-0352 state is per stream).
     *
     * @return the connection that carried the session until now, to be closed, or null
     */
    synchronized StreamChannel resume(StreamChannel newConnection, long h, Element resumed)
            throws UnackedQueue.HandledCountTooHigh {
        unacked.acknowledge(h);
        StreamChannel old = connection;
        connection = newConnection;
        generation++;
        sinceRequest = 0;
        newConnection.send(resumed);
        for (Element stanza : unacked.stanzas()) {
            newConnection.send(stanza);
        }
        inactive = false;
        releaseHeld();
        return old;
    }

    /** What a session takes along to another node (XEP-0198 §5, docs/CLUSTER.md). */
    record HandedOver(StreamChannel connection, long handled, long acknowledged,
            Duration resumeTimeout, List<UnackedQueue.Unacked> unacked) {
    }

    /**
     * The session moves to another node: from now on it takes no writes (a stanza refused here is
     * routed again, to the new node), and nobody is told it ended; presence held while inactive
     * is dropped, as at an end.
     *
     * @return what it takes along, with the connection that carried it until now (to be closed),
     *     or null when it had ended already
     */
    synchronized HandedOver handOver() {
        if (ended || unacked == null) {
            return null;
        }
        ended = true;
        StreamChannel old = connection;
        connection = null;
        hold.release();
        long acknowledged = unacked.acknowledged();
        return new HandedOver(old, handled, acknowledged, resumeTimeout, unacked.drain());
    }

    /**
     * Takes over a session another node handed over (XEP-0198 §5): the counts go on from there,
     * {@code resumed} is written, then every stanza the client has not acknowledged, in order, on
     * this session's connection, under the lock, so before anything routed to the session here.
     */
    synchronized void adopt(String id, HandedOver state, Element resumed) {
        unacked = new UnackedQueue(settings.maxUnacked(), state.acknowledged());
        for (UnackedQueue.Unacked u : state.unacked()) {
            unacked.add(u.stanza(), u.sentAt());
        }
        handled = state.handled();
        resumeId = id;
        resumeTimeout = state.resumeTimeout();
        connection.send(resumed);
        for (Element stanza : unacked.stanzas()) {
            connection.send(stanza);
        }
    }

    // ---- XEP-0352 ----

    /** The client is inactive: available and unavailable presence waits (XEP-0352 §5). */
    synchronized void inactive() {
        inactive = true;
    }

    /** The client is active again: the held presence goes out first. */
    synchronized void active() {
        inactive = false;
        releaseHeld();
    }

    synchronized int heldPresence() {
        return hold.size();
    }

    @Override
    public String toString() {
        return "session " + id;
    }
}

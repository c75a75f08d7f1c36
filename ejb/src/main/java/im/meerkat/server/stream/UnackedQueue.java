package im.meerkat.server.stream;

import im.meerkat.xmpp.xml.Element;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The stanzas sent to a client that it has not acknowledged yet (XEP-0198 §4), in the order they
 * were sent, with the count of stanzas sent since stream management was enabled. Counts are
 * unsigned 32-bit numbers that wrap to zero after 2^32 - 1 (§4). Not thread-safe: its
 * {@link SessionChannel} guards it.
 */
final class UnackedQueue {

    static final long MODULUS = 1L << 32;

    /** One stanza and when it was first sent (epoch milliseconds), for a delay stamp later. */
    record Unacked(Element stanza, long sentAt) {
    }

    /** A client's {@code h} acknowledged more stanzas than were sent (XEP-0198 §4). */
    static final class HandledCountTooHigh extends Exception {

        private final long h;
        private final long sent;

        HandledCountTooHigh(long h, long sent) {
            super("h=" + h + " but only " + sent + " stanzas were sent");
            this.h = h;
            this.sent = sent;
        }

        long h() {
            return h;
        }

        long sent() {
            return sent;
        }
    }

    private final int capacity;
    private final ArrayDeque<Unacked> queue = new ArrayDeque<>();
    private long sent;

    UnackedQueue(int capacity) {
        this(capacity, 0);
    }

    /**
     * A queue whose count of sent (and acknowledged) stanzas starts at {@code sent}: for a session
     * taken over from another node, and for tests.
     */
    UnackedQueue(int capacity, long sent) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        if (sent < 0 || sent >= MODULUS) {
            throw new IllegalArgumentException("not a 32-bit count: " + sent);
        }
        this.capacity = capacity;
        this.sent = sent;
    }

    /** The next value of a counter: {@code h + 1} modulo 2^32. */
    static long increment(long h) {
        return (h + 1) % MODULUS;
    }

    /**
     * Parses an {@code h} attribute: an unsigned 32-bit number.
     *
     * @throws IllegalArgumentException when absent or not such a number
     */
    static long parse(String h) {
        if (h == null || h.isEmpty() || h.length() > 10 || !h.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("h is not an unsigned 32-bit number: " + h);
        }
        long value = Long.parseLong(h);
        if (value >= MODULUS) {
            throw new IllegalArgumentException("h is not an unsigned 32-bit number: " + h);
        }
        return value;
    }

    /**
     * Adds a stanza that is being sent.
     *
     * @return false when the queue now holds more than its capacity (the stanza is kept)
     */
    boolean add(Element stanza, long now) {
        queue.addLast(new Unacked(stanza, now));
        sent = increment(sent);
        return queue.size() <= capacity;
    }

    /** Stanzas sent since enabling, modulo 2^32. */
    long sent() {
        return sent;
    }

    /** Stanzas the client has acknowledged, modulo 2^32. */
    long acknowledged() {
        return Math.floorMod(sent - queue.size(), MODULUS);
    }

    int size() {
        return queue.size();
    }

    /** Whether more stanzas wait for an acknowledgement than the capacity allows. */
    boolean overCapacity() {
        return queue.size() > capacity;
    }

    /**
     * Processes the client's {@code h}: drops the stanzas it acknowledges.
     *
     * @return how many stanzas this acknowledgement newly covers
     * @throws HandledCountTooHigh when {@code h} covers stanzas never sent
     */
    int acknowledge(long h) throws HandledCountTooHigh {
        long newly = Math.floorMod(h - acknowledged(), MODULUS);
        if (newly > queue.size()) {
            throw new HandledCountTooHigh(h, sent);
        }
        for (long i = 0; i < newly; i++) {
            queue.removeFirst();
        }
        return (int) newly;
    }

    /** The unacknowledged stanzas in order; they stay in the queue. */
    List<Element> stanzas() {
        return queue.stream().map(Unacked::stanza).toList();
    }

    /** Empties the queue and returns what it held, in order. */
    List<Unacked> drain() {
        List<Unacked> all = new ArrayList<>(queue);
        queue.clear();
        return all;
    }
}

package im.meerkat.server.mam;

import java.time.Clock;
import java.time.Instant;

/**
 * Archive ids: 64-bit numbers that sort by time and are unique across a cluster without a
 * database sequence. Layout, most significant first: 41 bits of milliseconds since
 * 2020-01-01T00:00Z (good until 2089), 10 bits of node number, 12 bits of counter within the
 * millisecond. The text form (the XEP-0359 stanza-id and XEP-0313 result id) is the decimal
 * number. When the clock goes backwards or a millisecond's 4096 ids are used up, the generator
 * borrows the next millisecond, so ids stay strictly increasing on one node.
 */
public final class ArchiveIds {

    static final long EPOCH_MILLIS = 1577836800000L;
    static final int NODE_BITS = 10;
    static final int COUNTER_BITS = 12;
    static final int TIME_SHIFT = NODE_BITS + COUNTER_BITS;
    public static final int MAX_NODE = (1 << NODE_BITS) - 1;
    private static final int MAX_COUNTER = (1 << COUNTER_BITS) - 1;

    private final Clock clock;
    private final long node;
    private long lastMillis = -1;
    private int counter;

    public ArchiveIds(int node) {
        this(node, Clock.systemUTC());
    }

    public ArchiveIds(int node, Clock clock) {
        if (node < 0 || node > MAX_NODE) {
            throw new IllegalArgumentException("node number must be 0.." + MAX_NODE + ", not " + node);
        }
        this.node = node;
        this.clock = clock;
    }

    /** The next id of this node, greater than every id it gave before. */
    public synchronized long next() {
        long now = Math.max(clock.millis() - EPOCH_MILLIS, 0);
        if (now > lastMillis) {
            lastMillis = now;
            counter = 0;
        } else if (counter < MAX_COUNTER) {
            counter++;
        } else {
            lastMillis++;
            counter = 0;
        }
        return lastMillis << TIME_SHIFT | node << COUNTER_BITS | counter;
    }

    /** When the id was made (to the millisecond). */
    public static Instant time(long id) {
        return Instant.ofEpochMilli((id >>> TIME_SHIFT) + EPOCH_MILLIS);
    }

    /** The smallest id any node can give at {@code time}. */
    public static long lowest(Instant time) {
        long millis = time.toEpochMilli() - EPOCH_MILLIS;
        return millis <= 0 ? 0 : Math.min(millis, (1L << 41) - 1) << TIME_SHIFT;
    }

    /** The greatest id any node can give within the millisecond of {@code time}. */
    public static long highest(Instant time) {
        long millis = time.toEpochMilli() - EPOCH_MILLIS;
        return millis < 0 ? -1 : lowest(time) | ((1L << TIME_SHIFT) - 1);
    }

    /** The id of a text form, or -1 when it is not one. */
    public static long parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

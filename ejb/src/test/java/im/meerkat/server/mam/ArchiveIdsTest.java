package im.meerkat.server.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Archive ids: ordered by time, unique per node and across nodes, with the time readable. */
class ArchiveIdsTest {

    private static final Instant T = Instant.parse("2026-11-30T06:00:00.123Z");

    /** A clock that returns the millis the test sets. */
    private static final class TestClock extends Clock {
        final AtomicLong millis = new AtomicLong(T.toEpochMilli());

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void idsIncreaseStrictlyEvenBeyondFourThousandInOneMillisecond() {
        TestClock clock = new TestClock();
        ArchiveIds ids = new ArchiveIds(7, clock);
        long previous = -1;
        for (int i = 0; i < 10_000; i++) {
            long id = ids.next();
            assertTrue(id > previous, "id " + i);
            previous = id;
        }
        // 10000 ids in one millisecond borrow the following two
        assertEquals(T.plusMillis(2), ArchiveIds.time(previous));
    }

    @Test
    void aClockGoingBackwardsDoesNotBreakTheOrder() {
        TestClock clock = new TestClock();
        ArchiveIds ids = new ArchiveIds(1, clock);
        long first = ids.next();
        clock.millis.addAndGet(-5000);
        long second = ids.next();
        assertTrue(second > first);
        clock.millis.addAndGet(10_000);
        long third = ids.next();
        assertEquals(T.plusMillis(5000), ArchiveIds.time(third));
    }

    @Test
    void twoNodesNeverGiveTheSameIdAndTimeStillOrdersThem() {
        TestClock clock = new TestClock();
        ArchiveIds a = new ArchiveIds(1, clock);
        ArchiveIds b = new ArchiveIds(2, clock);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            assertTrue(seen.add(a.next()));
            assertTrue(seen.add(b.next()));
        }
        long early = a.next();
        clock.millis.addAndGet(1);
        assertTrue(b.next() > early || ArchiveIds.time(early).isAfter(T.plusMillis(1)));
        assertNotEquals(a.next() & 0x3FF000L, b.next() & 0x3FF000L);
    }

    @Test
    void timeBoundsBracketTheIdsOfThatMillisecond() {
        TestClock clock = new TestClock();
        long id = new ArchiveIds(1023, clock).next();
        assertEquals(T, ArchiveIds.time(id));
        assertTrue(ArchiveIds.lowest(T) <= id && id <= ArchiveIds.highest(T));
        assertTrue(ArchiveIds.highest(T.minusMillis(1)) < id);
        assertTrue(ArchiveIds.lowest(T.plusMillis(1)) > id);
        assertTrue(id > 0);
    }

    @Test
    void textFormRoundTripsAndRejectsOtherText() {
        long id = new ArchiveIds(3).next();
        assertEquals(id, ArchiveIds.parse(Long.toString(id)));
        assertEquals(-1, ArchiveIds.parse("abc"));
        assertEquals(-1, ArchiveIds.parse("-5"));
        assertEquals(-1, ArchiveIds.parse(""));
        assertEquals(-1, ArchiveIds.parse("99999999999999999999"));
        assertThrows(IllegalArgumentException.class, () -> new ArchiveIds(1024));
    }
}

package im.meerkat.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.xmpp.xml.Element;
import java.util.List;
import org.junit.jupiter.api.Test;

/** XEP-0198 §4 counting: unsigned 32-bit counters that wrap, acknowledgements, the bound. */
class UnackedQueueTest {

    private static Element message(int n) {
        return Element.builder("jabber:client", "message").attribute("id", "m" + n).build();
    }

    @Test
    void acknowledgementDropsTheStanzasItCoversInOrder() throws Exception {
        UnackedQueue q = new UnackedQueue(10);
        for (int i = 1; i <= 4; i++) {
            assertTrue(q.add(message(i), i));
        }
        assertEquals(4, q.sent());
        assertEquals(2, q.acknowledge(2));
        assertEquals(List.of(message(3), message(4)), q.stanzas());
        assertEquals(0, q.acknowledge(2), "the same h again covers nothing new");
        assertEquals(2, q.acknowledge(4));
        assertEquals(0, q.size());
        assertEquals(4, q.acknowledged());
    }

    @Test
    void section4HandledCountTooHighIsRefusedAndChangesNothing() throws Exception {
        UnackedQueue q = new UnackedQueue(10);
        q.add(message(1), 1);
        q.add(message(2), 2);
        UnackedQueue.HandledCountTooHigh e = assertThrows(UnackedQueue.HandledCountTooHigh.class, () -> q.acknowledge(3));
        assertEquals(3, e.h());
        assertEquals(2, e.sent());
        assertEquals(2, q.size());
        q.acknowledge(1);
        assertThrows(UnackedQueue.HandledCountTooHigh.class, () -> q.acknowledge(0),
                "an h lower than one already given would acknowledge 2^32 - 1 stanzas");
    }

    @Test
    void section4CountersWrapAt2To32() throws Exception {
        long last = UnackedQueue.MODULUS - 1;
        assertEquals(0, UnackedQueue.increment(last));
        UnackedQueue q = new UnackedQueue(10, last - 1);
        q.add(message(1), 1); // sent: 2^32 - 1
        q.add(message(2), 2); // sent: 0
        q.add(message(3), 3); // sent: 1
        assertEquals(1, q.sent());
        assertEquals(last - 1, q.acknowledged());
        assertEquals(2, q.acknowledge(0));
        assertEquals(List.of(message(3)), q.stanzas());
        assertEquals(1, q.acknowledge(1));
        assertEquals(0, q.size());
    }

    @Test
    void hIsAnUnsigned32BitNumber() {
        assertEquals(0, UnackedQueue.parse("0"));
        assertEquals(4294967295L, UnackedQueue.parse("4294967295"));
        for (String bad : new String[] {null, "", "-1", "4294967296", "1e3", " 1", "99999999999"}) {
            assertThrows(IllegalArgumentException.class, () -> UnackedQueue.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void overTheCapacityTheStanzaIsKeptAndReported() {
        UnackedQueue q = new UnackedQueue(2);
        assertTrue(q.add(message(1), 1));
        assertTrue(q.add(message(2), 2));
        assertFalse(q.overCapacity());
        assertFalse(q.add(message(3), 3));
        assertTrue(q.overCapacity());
        List<UnackedQueue.Unacked> drained = q.drain();
        assertEquals(3, drained.size());
        assertEquals(3, drained.get(2).sentAt());
        assertEquals(0, q.size());
    }
}

package im.meerkat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.session.HeldSessions;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.session.SessionTable;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A full JID bound on both sides of a partition (RFC 6120 §7.7.2.2; docs/CLUSTER.md,
 * "Partitions and merge"), when the session cache kept each side's copy after the merge: each
 * node's copy shows only its own record, so the table alone finds no conflict, and the nodes
 * settle it by telling each other what they hold.
 */
class MergeConflictTest {

    private static final Jid ERIN = Jid.of("erin@example.org");
    private static final long BOUND = 1_000_000;

    /** Each node's copy of the table; nothing replicates between them. */
    private final ConcurrentHashMap<String, String> secondCopy = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> thirdCopy = new ConcurrentHashMap<>();
    private final SessionRegistry second = new SessionRegistry(new SessionTable(secondCopy),
            List.of(), "node2", Clock.fixed(Instant.ofEpochMilli(BOUND + 60_000), ZoneOffset.UTC));
    private final SessionRegistry third = new SessionRegistry(new SessionTable(thirdCopy),
            List.of(), "node3", Clock.fixed(Instant.ofEpochMilli(BOUND), ZoneOffset.UTC));

    @Test
    void theSessionBoundEarlierEndsWithConflictWhateverTheCacheKept() throws Exception {
        FakeChannel olderStream = new FakeChannel("node3", "o");
        FakeChannel newerStream = new FakeChannel("node2", "n");
        LocalSession older = third.bind(ERIN, "same", olderStream);
        LocalSession newer = second.bind(ERIN, "same", newerStream);

        // Writing back finds each node's own record in its copy: no conflict there
        assertTrue(second.reassert().lost().isEmpty());
        assertTrue(third.reassert().lost().isEmpty());
        assertFalse(olderStream.closed());

        // The third node's pass tells the second what it holds; the answer ends its own session
        ArrayList<HeldSessionsCommand.Held> staying = command(third)
                .execute(new NodeCommands(second, "127.0.0.1:5322"));
        assertEquals(1, staying.size());
        for (HeldSessionsCommand.Held h : staying) {
            third.settle(Jid.of(h.jid()), SessionRecord.decode(h.record()));
        }

        assertEquals(StreamErrorCondition.CONFLICT, olderStream.closedWith().condition());
        assertNull(third.local(older.jid()));
        assertFalse(newerStream.closed());
        assertEquals(newer, second.local(newer.jid()));

        // The second node's pass, the other way, finds nothing left to end
        assertTrue(command(second)
                .execute(new NodeCommands(third, "127.0.0.1:5422")).isEmpty());
        assertFalse(newerStream.closed());
    }

    @Test
    void theNodeThatHoldsTheOlderSessionEndsItWhenTheOtherTellsIt() throws Exception {
        FakeChannel olderStream = new FakeChannel("node3", "o");
        third.bind(ERIN, "same", olderStream);
        second.bind(ERIN, "same", new FakeChannel("node2", "n"));

        assertTrue(command(second)
                .execute(new NodeCommands(third, "127.0.0.1:5422")).isEmpty());

        assertEquals(StreamErrorCondition.CONFLICT, olderStream.closedWith().condition());
        assertTrue(thirdCopy.isEmpty(), "its record left the third node's copy");
    }

    private static HeldSessionsCommand command(SessionRegistry node) {
        HeldSessions listing = node.held();
        ArrayList<HeldSessionsCommand.Held> held = new ArrayList<>();
        listing.sessions().forEach((jid, r) -> held.add(new HeldSessionsCommand.Held(
                jid.toString(), r.encode())));
        return new HeldSessionsCommand(held, listing.node(), listing.asOf());
    }
}

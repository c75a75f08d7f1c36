package im.meerkat.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * After a partition heals (docs/CLUSTER.md, "Partitions and merge"), a node writes back the
 * records the other side removed, with their presence, carbons and caps, and resolves a full JID
 * bound on both sides as a resource conflict (RFC 6120 §7.7.2.2): the later bind stays.
 */
class MergeReassertTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final long BOUND = 1_000_000;

    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();
    private final SessionTable table = new SessionTable(cache);
    private final SessionRegistry registry = new SessionRegistry(table, List.of(), "node1",
            Clock.fixed(Instant.ofEpochMilli(BOUND), ZoneOffset.UTC));

    @Test
    void aRecordTheOtherSideRemovedComesBackAsItWas() throws Exception {
        LocalSession s = registry.bind(ALICE, "desk", new FakeChannel("node1", "c1"));
        registry.presenceChanged(s, Presence.builder().priority(5).build());
        registry.carbonsChanged(s, true);
        registry.capsChanged(s, "http://x#v1");
        SessionRecord before = table.session(s.jid()).orElseThrow();
        cache.clear(); // the other side removed node1's records

        MergeOutcome outcome = registry.reassert();

        assertEquals(List.of(s), outcome.restored());
        assertEquals(before, table.session(s.jid()).orElseThrow());
        assertTrue(outcome.lost().isEmpty());
        assertTrue(outcome.beaten().isEmpty());
    }

    @Test
    void aRecordInPlaceIsWrittenAgainForTheOtherSide() throws Exception {
        LocalSession s = registry.bind(ALICE, "desk", new FakeChannel("node1", "c1"));
        SessionRecord before = table.session(s.jid()).orElseThrow();

        MergeOutcome outcome = registry.reassert();

        assertEquals(List.of(s), outcome.inPlace());
        assertTrue(outcome.restored().isEmpty(), "nothing was missing: " + outcome.restored());
        assertEquals(before, table.session(s.jid()).orElseThrow());
        assertTrue(outcome.lost().isEmpty());
    }

    @Test
    void anotherVersionOfTheRecordIsReplacedByTheOneThisNodeWrote() throws Exception {
        LocalSession s = registry.bind(ALICE, "desk", new FakeChannel("node1", "c1"));
        registry.presenceChanged(s, Presence.builder().priority(5).build());
        SessionRecord mine = table.session(s.jid()).orElseThrow();
        // the other side's copy, as the cache kept it: from before the presence
        cache.clear();
        table.put(ALICE, mine.withPresence(null));

        MergeOutcome outcome = registry.reassert();

        assertEquals(List.of(s), outcome.restored());
        assertTrue(outcome.inPlace().isEmpty());
        assertEquals(mine, table.session(s.jid()).orElseThrow());
    }

    @Test
    void aSessionBoundLaterOnAnotherNodeWinsAndTheLocalOneEndsWithConflict() throws Exception {
        FakeChannel channel = new FakeChannel("node1", "c1");
        LocalSession s = registry.bind(ALICE, "desk", channel);
        s.presence(im.meerkat.xmpp.stanza.Presence.builder().build());
        table.put(ALICE, new SessionRecord("desk", new ChannelId("node2", "s7"), "tcp", "-",
                BOUND + 1, true, 0));

        MergeOutcome outcome = registry.reassert();

        assertEquals(List.of(s), outcome.lost());
        // the full JID stays available on node2: its contacts get no unavailable presence
        assertNull(s.presence());
        assertEquals(StreamErrorCondition.CONFLICT, channel.closedWith().condition());
        assertNull(registry.local(s.jid()));
        assertEquals("node2", table.session(s.jid()).orElseThrow().channel().node());
    }

    @Test
    void aSessionBoundEarlierOnAnotherNodeLosesAndIsReturnedForItsNodeToEnd() throws Exception {
        FakeChannel channel = new FakeChannel("node1", "c1");
        LocalSession s = registry.bind(ALICE, "desk", channel);
        SessionRecord older = new SessionRecord("desk", new ChannelId("node2", "s7"), "tcp", "-",
                BOUND - 1, true, 0);
        table.put(ALICE, older);

        MergeOutcome outcome = registry.reassert();

        assertEquals(List.of(older), outcome.beaten());
        assertEquals(List.of(s), outcome.restored());
        assertFalse(channel.closed());
        assertEquals(s.channelId(), table.session(s.jid()).orElseThrow().channel());
    }

    @Test
    void heldNamesEachSessionWithItsRecordAsThisNodeWroteIt() throws Exception {
        LocalSession s = registry.bind(ALICE, "desk", new FakeChannel("node1", "c1"));
        registry.presenceChanged(s, Presence.builder().priority(3).build());
        SessionRecord written = table.session(s.jid()).orElseThrow();
        cache.clear(); // whatever the cache kept after the merge

        assertEquals(Map.of(s.jid(), written), registry.held().sessions());
    }

    @Test
    void heldListsEverySessionBoundBeforeItsTime() throws Exception {
        registry.bind(ALICE, "desk", new FakeChannel("node1", "c1"));

        HeldSessions held = registry.held();

        assertEquals("node1", held.node());
        assertEquals(BOUND, held.asOf());
        assertEquals(1, held.sessions().size());
    }

    @Test
    void aSessionBeingTakenOverKeepsTheListingsTimeBeforeItsBind() {
        // XEP-0198 §5: its record may come to name this node before the session is listed
        LocalSession adopting = registry.adopt(ALICE.withResource("phone"),
                new FakeChannel("node1", "c2"), BOUND - 500);

        HeldSessions held = registry.held();

        assertTrue(held.sessions().isEmpty());
        assertEquals(adopting.since(), held.asOf());
    }

    @Test
    void settledAgainstALaterBindTheSessionEndsWithoutUnavailablePresence() throws Exception {
        // RFC 6120 §7.7.2.2 decided on what the nodes hold, although the cache kept neither
        FakeChannel channel = new FakeChannel("node1", "c1");
        LocalSession s = registry.bind(ALICE, "desk", channel);
        s.presence(im.meerkat.xmpp.stanza.Presence.builder().build());
        cache.clear();
        SessionRecord newer = new SessionRecord("desk", new ChannelId("node2", "s7"), "tcp", "-",
                BOUND + 1, true, 0);

        assertNull(registry.settle(s.jid(), newer));

        assertEquals(StreamErrorCondition.CONFLICT, channel.closedWith().condition());
        assertNull(s.presence(), "the full JID stays available on node2");
        assertNull(registry.local(s.jid()));
        assertTrue(registry.held().sessions().isEmpty());
    }

    @Test
    void settledAgainstAnEarlierBindTheSessionStays() throws Exception {
        FakeChannel channel = new FakeChannel("node1", "c1");
        LocalSession s = registry.bind(ALICE, "desk", channel);
        SessionRecord mine = table.session(s.jid()).orElseThrow();
        SessionRecord older = new SessionRecord("desk", new ChannelId("node2", "s7"), "tcp", "-",
                BOUND - 1, true, 0);

        assertEquals(mine, registry.settle(s.jid(), older));
        assertNull(registry.settle(ALICE.withResource("phone"), older), "not held here");

        assertFalse(channel.closed());
        assertEquals(s, registry.local(s.jid()));
    }

    @Test
    void equalBindTimesAreDecidedTheSameWayOnEveryNode() {
        SessionRecord one = new SessionRecord("desk", new ChannelId("node1", "c1"), "tcp", "-",
                BOUND, false, 0);
        SessionRecord two = new SessionRecord("desk", new ChannelId("node2", "c1"), "tcp", "-",
                BOUND, false, 0);

        assertTrue(MergeOutcome.boundLater(two, one));
        assertFalse(MergeOutcome.boundLater(one, two));
    }
}

package im.meerkat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.session.HeldSessions;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After a partition heals, a record in this node's copy of the table of a session that its node
 * no longer holds (it ended while this node was cut off) goes when that node's list of its
 * sessions lacks it, with the unavailable presence of a lost session (RFC 6121 §4.5.2;
 * docs/CLUSTER.md, "Partitions and merge").
 */
class LeftOverRecordsTest {

    private static final Jid PHONE = ClusterFixture.ALICE.withResource("phone");
    private static final long LISTED_AT = 10_000;

    private final ClusterFixture f = new ClusterFixture();
    private final List<Jid> observed = new ArrayList<>();
    private final LostNodes lost = new LostNodes(f.registry, f.delivery,
            List.<LostSessionObserver>of((jid, record) -> observed.add(jid)));
    private final NodeCommands node = new NodeCommands(f.registry, "127.0.0.1:5222");
    private FakeChannel desk;

    @BeforeEach
    void aliceIsAvailableHereAndHadASessionOnTheSecondNode() throws Exception {
        desk = new FakeChannel("node1", "c1");
        f.registry.presenceChanged(f.bind("desk", desk), Presence.builder().build());
        f.remote("node2", "phone", true); // bound at 0, before the listings
        node.useLeftOvers(lost::leftOver);
    }

    private static ArrayList<HeldSessionsCommand.Held> held(Jid jid, SessionRecord record) {
        ArrayList<HeldSessionsCommand.Held> result = new ArrayList<>();
        result.add(new HeldSessionsCommand.Held(jid.toString(), record.encode()));
        return result;
    }

    @Test
    void aRecordTheNodeDidNotListTwiceGoesWithUnavailablePresence() {
        HeldSessions none = new HeldSessions("node2", LISTED_AT, Map.of());

        assertTrue(lost.leftOver(none).isEmpty(), "not at the first listing that lacks it");
        assertEquals(2, f.table.sessions(ClusterFixture.ALICE).size());

        assertEquals(List.of(PHONE), lost.leftOver(none));
        assertEquals(List.of("desk"), f.table.sessions(ClusterFixture.ALICE).stream()
                .map(SessionRecord::resource).toList());
        List<Element> sent = desk.sent();
        assertEquals(1, sent.size(), "her other resource hears it ended: " + sent);
        assertEquals("unavailable", sent.get(0).attribute("type"));
        assertEquals(PHONE.toString(), sent.get(0).attribute("from"));
        assertEquals(List.of(PHONE), observed, "her contacts hear it too");
    }

    @Test
    void aListedSessionStays() {
        SessionRecord phone = f.table.session(PHONE).orElseThrow();
        HeldSessions listing = new HeldSessions("node2", LISTED_AT, Map.of(PHONE, phone));

        lost.leftOver(listing);
        lost.leftOver(listing);

        assertEquals(2, f.table.sessions(ClusterFixture.ALICE).size());
        assertTrue(desk.sent().isEmpty());
    }

    @Test
    void aSessionBoundAfterTheListingStays() {
        f.table.put(ClusterFixture.ALICE, new SessionRecord("tablet",
                new ChannelId("node2", "s-tablet"), "tcp", "-", LISTED_AT, true, 0));
        HeldSessions none = new HeldSessions("node2", LISTED_AT, Map.of());

        lost.leftOver(none);
        lost.leftOver(none);

        assertEquals(List.of("desk", "tablet"), f.table.sessions(ClusterFixture.ALICE).stream()
                .map(SessionRecord::resource).toList());
    }

    @Test
    void aSessionListedInBetweenStays() {
        // Taken over from another node just after a listing (XEP-0198 §5): the next one holds it
        SessionRecord phone = f.table.session(PHONE).orElseThrow();
        lost.leftOver(new HeldSessions("node2", LISTED_AT, Map.of()));
        lost.leftOver(new HeldSessions("node2", LISTED_AT + 1, Map.of(PHONE, phone)));
        lost.leftOver(new HeldSessions("node2", LISTED_AT + 2, Map.of(PHONE, phone)));

        assertEquals(2, f.table.sessions(ClusterFixture.ALICE).size());
    }

    @Test
    void recordsOfOtherNodesStay() {
        f.remote("node3", "tablet", true);
        HeldSessions none = new HeldSessions("node2", LISTED_AT, Map.of());

        lost.leftOver(none);
        lost.leftOver(none);

        assertEquals(List.of("desk", "tablet"), f.table.sessions(ClusterFixture.ALICE).stream()
                .map(SessionRecord::resource).toList());
    }

    @Test
    void theCommandOfTheOtherNodeRemovesWhatItDoesNotHold() {
        SessionRecord tablet = new SessionRecord("tablet", new ChannelId("node2", "s-tablet"),
                "tcp", "-", 0, true, 0);
        f.table.put(ClusterFixture.ALICE, tablet);
        Jid tabletJid = ClusterFixture.ALICE.withResource("tablet");

        new HeldSessionsCommand(held(tabletJid, tablet), "node2", LISTED_AT).execute(node);
        new HeldSessionsCommand(held(tabletJid, tablet), "node2", LISTED_AT).execute(node);

        assertEquals(List.of("desk", "tablet"), f.table.sessions(ClusterFixture.ALICE).stream()
                .map(SessionRecord::resource).toList());
        assertEquals(List.of(PHONE), observed);
    }

    @Test
    void theCommandOfANodeOfAnEarlierVersionRemovesNothing() {
        // Deserialized from a node without the fields: null and 0
        new HeldSessionsCommand(new ArrayList<>(), null, 0).execute(node);
        new HeldSessionsCommand(new ArrayList<>(), null, 0).execute(node);

        assertEquals(2, f.table.sessions(ClusterFixture.ALICE).size());
        assertTrue(observed.isEmpty());
    }
}

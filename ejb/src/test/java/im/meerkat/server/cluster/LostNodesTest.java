package im.meerkat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.xml.Element;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Architecture invariant 6: the records of a lost node leave the table, and the user's other
 * available resources get the unavailable presence of RFC 6121 §4.5.2, once.
 */
class LostNodesTest {

    private final ClusterFixture f = new ClusterFixture();
    private final List<Jid> observed = new ArrayList<>();
    private final LostNodes lost = new LostNodes(f.registry, f.delivery,
            List.<LostSessionObserver>of((jid, record) -> observed.add(jid)));

    @Test
    void aLostNodesRecordsGoAndTheOtherResourcesHearTheyAreUnavailable() throws Exception {
        FakeChannel desk = new FakeChannel("node1", "c1");
        LocalSession local = f.bind("desk", desk);
        f.registry.presenceChanged(local, Presence.builder().build());
        f.remote("node2", "phone", true);
        f.remote("node3", "tablet", true);

        List<Jid> removed = lost.purge("node2");

        Jid phone = ClusterFixture.ALICE.withResource("phone");
        assertEquals(List.of(phone), removed);
        assertEquals(List.of("desk", "tablet"),
                f.table.sessions(ClusterFixture.ALICE).stream().map(r -> r.resource()).toList());
        List<Element> sent = desk.sent();
        assertEquals(1, sent.size(), "one presence at the remaining local resource: " + sent);
        assertEquals("presence", sent.get(0).localName());
        assertEquals("unavailable", sent.get(0).attribute("type"));
        assertEquals(phone.toString(), sent.get(0).attribute("from"));
        assertEquals(List.of(phone), observed);
    }

    @Test
    void purgingTwiceRemovesNothingMoreAndSendsNothingMore() throws Exception {
        FakeChannel desk = new FakeChannel("node1", "c1");
        f.registry.presenceChanged(f.bind("desk", desk), Presence.builder().build());
        f.remote("node2", "phone", true);
        lost.purge("node2");
        desk.take();

        assertTrue(lost.purge("node2").isEmpty());
        assertTrue(desk.sent().isEmpty());
        assertEquals(1, observed.size());
    }

    @Test
    void aSessionThatNeverSentPresenceGoesWithoutPresence() throws Exception {
        FakeChannel desk = new FakeChannel("node1", "c1");
        f.registry.presenceChanged(f.bind("desk", desk), Presence.builder().build());
        f.remote("node2", "phone", false);

        assertEquals(1, lost.purge("node2").size());
        assertTrue(desk.sent().isEmpty(), "RFC 6121 §4.5.2 applies to available sessions");
    }
}

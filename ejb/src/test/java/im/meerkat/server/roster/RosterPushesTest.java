package im.meerkat.server.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.Delivery;
import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.routing.RemoteSessions;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.session.SessionTable;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.stanza.Stanza;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Roster pushes and the subscription presence for interested resources (RFC 6121 §2.1.6, §3.1.5)
 * reach the resources of the account that another cluster node holds, through that node, which
 * alone knows whether its session requested the roster (architecture invariant 7).
 */
class RosterPushesTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final Jid BOB = Jid.of("bob@example.org");

    private final List<String> remote = new ArrayList<>();
    private Presence remotePresence;
    private final SessionRegistry registry = new SessionRegistry(
            new SessionTable(new ConcurrentHashMap<>()), List.of(), "node1", Clock.systemUTC());
    private final RosterPushes pushes = new RosterPushes(registry, new Delivery(registry,
            new RemoteSessions() {
                @Override
                public boolean deliver(SessionRecord target, Stanza stanza) {
                    return false;
                }

                @Override
                public Optional<Presence> presence(SessionRecord target) {
                    return Optional.ofNullable(remotePresence);
                }

                @Override
                public boolean deliverIfInterested(SessionRecord target, Stanza stanza) {
                    remote.add(target.channel().node() + " " + stanza.to());
                    return true;
                }
            }, m -> false));

    @Test
    void pushesGoToInterestedLocalSessionsAndThroughTheNodesOfOthers() throws Exception {
        FakeChannel desk = new FakeChannel("node1", "c1");
        FakeChannel idle = new FakeChannel("node1", "c2");
        registry.bind(ALICE, "desk", desk).rosterRequested();
        registry.bind(ALICE, "idle", idle);
        registry.table().put(ALICE, new SessionRecord("far", new ChannelId("node2", "x"), "tcp",
                "-", 0, true, 0));
        RosterItem item = RosterItem.empty(BOB, true);

        pushes.push(ALICE, new RosterStore.Change(null, item, 3, true, false));

        assertEquals(1, desk.sent().size());
        assertEquals("set", desk.sent().get(0).attribute("type"));
        assertTrue(idle.sent().isEmpty(), "a session that did not request the roster");
        assertEquals(List.of("node2 alice@example.org/far"), remote);
    }

    @Test
    void subscriptionPresenceForInterestedResourcesCrossesNodes() throws Exception { // §3.1.5
        FakeChannel desk = new FakeChannel("node1", "c1");
        registry.bind(ALICE, "desk", desk).rosterRequested();
        registry.table().put(ALICE, new SessionRecord("far", new ChannelId("node2", "x"), "tcp",
                "-", 0, false, 0));

        pushes.toInterested(ALICE, Presence.builder().type(Presence.Type.SUBSCRIBED).from(BOB)
                .to(ALICE).build());

        assertEquals(1, desk.sent().size());
        assertEquals(List.of("node2 alice@example.org"), remote);
    }

    @Test
    void theCurrentPresenceOfAResourceElsewhereIsAskedOfItsNode() { // §3.1.5, §4.2.3
        Jid far = ALICE.withResource("far");
        SessionRecord record = new SessionRecord("far", new ChannelId("node2", "x"), "tcp", "-", 0,
                true, 4);
        assertEquals(Presence.builder().from(far).priority(4).build().element(),
                pushes.currentPresence(far, record).element(), "node2 cannot tell: the record's");

        remotePresence = Presence.builder().from(far).priority(4).build();
        assertEquals(remotePresence, pushes.currentPresence(far, record));
    }
}

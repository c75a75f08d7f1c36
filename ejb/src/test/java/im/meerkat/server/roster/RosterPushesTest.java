package im.meerkat.server.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.Delivery;
import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.routing.RemoteSessions;
import im.meerkat.server.routing.Xml;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Roster pushes and the subscription presence for interested resources (RFC 6121 §2.1.6, §3.1.5)
 * are written to this node's interested sessions directly, and reach the resources of the
 * account that other cluster nodes hold through one command per node, which alone knows whether
 * its sessions requested the roster (architecture invariant 7).
 */
class RosterPushesTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final Jid BOB = Jid.of("bob@example.org");

    /** One line per command: the node, then the {@code to} of each stanza it carries. */
    private final List<String> commands = new ArrayList<>();
    private final SessionRegistry registry = new SessionRegistry(
            new SessionTable(new ConcurrentHashMap<>()), List.of(), "node1", Clock.systemUTC());
    private final RosterPushes pushes = new RosterPushes(registry, new Delivery(registry,
            new RemoteSessions() {
                @Override
                public boolean deliver(SessionRecord target, Stanza stanza) {
                    return false;
                }

                @Override
                public boolean deliverIfInterested(String node, Map<SessionRecord, Stanza> s) {
                    StringBuilder line = new StringBuilder(node);
                    s.forEach((record, stanza) -> line.append(' ').append(stanza.to()));
                    commands.add(line.toString());
                    return true;
                }
            }, m -> false));

    @Test
    void pushesGoToInterestedLocalSessionsAndOneCommandToEachOtherNode() throws Exception {
        FakeChannel desk = new FakeChannel("node1", "c1");
        FakeChannel idle = new FakeChannel("node1", "c2");
        registry.bind(ALICE, "desk", desk).rosterRequested();
        registry.bind(ALICE, "idle", idle);
        remote("far", "node2");
        remote("farther", "node2");
        remote("other", "node3");

        pushes.push(ALICE, new RosterStore.Change(null, RosterItem.empty(BOB, true), 3, true,
                false));

        assertEquals(1, desk.sent().size());
        assertEquals("set", desk.sent().get(0).attribute("type"));
        assertEquals(ALICE.withResource("desk").toString(), desk.sent().get(0).attribute("to"));
        assertTrue(idle.sent().isEmpty(), "a session that did not request the roster");
        assertEquals(List.of(
                "node2 alice@example.org/far alice@example.org/farther",
                "node3 alice@example.org/other"), sorted(commands));
    }

    @Test
    void aSingleNodeSendsNoCommand() throws Exception {
        FakeChannel desk = new FakeChannel("node1", "c1");
        registry.bind(ALICE, "desk", desk).rosterRequested();

        pushes.push(ALICE, new RosterStore.Change(null, RosterItem.empty(BOB, true), 3, true,
                false));
        pushes.toInterested(ALICE, Presence.builder().type(Presence.Type.SUBSCRIBED).from(BOB)
                .to(ALICE).build());

        assertEquals(2, desk.sent().size());
        assertTrue(commands.isEmpty());
    }

    @Test
    void subscriptionPresenceForInterestedResourcesCrossesNodes() throws Exception { // §3.1.5
        FakeChannel desk = new FakeChannel("node1", "c1");
        registry.bind(ALICE, "desk", desk).rosterRequested();
        remote("far", "node2");
        Presence subscribed = Presence.builder().type(Presence.Type.SUBSCRIBED).from(BOB)
                .to(ALICE).build();

        pushes.toInterested(ALICE, subscribed);

        assertEquals(List.of(subscribed.element()), desk.sent());
        assertEquals(List.of("node2 alice@example.org"), commands);
    }

    @Test
    void anApprovalSendsTheWholePresenceOfAResourceOnAnotherNode() throws Exception { // §3.1.5
        Presence sent = (Presence) Stanza.of(Xml.parse("<presence xml:lang='en'>"
                + "<show>away</show><status>text</status><priority>3</priority>"
                + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1'"
                + " node='urn:example:client' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/></presence>"));
        registry.table().put(ALICE, new SessionRecord("far", new ChannelId("node2", "s-far"),
                "tcp", "-", 0, false, 0).withPresence(sent.withFrom(ALICE.withResource("far"))));
        FakeChannel phone = new FakeChannel("node1", "c1");
        registry.presenceChanged(registry.bind(BOB, "phone", phone), Presence.builder().build());

        pushes.presenceOfResources(ALICE, BOB, true);

        assertEquals(List.of(sent.withAddresses(ALICE.withResource("far"), BOB).element()),
                phone.sent());
    }

    private void remote(String resource, String node) {
        registry.table().put(ALICE, new SessionRecord(resource,
                new ChannelId(node, "s-" + resource), "tcp", "-", 0, false, 0));
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}

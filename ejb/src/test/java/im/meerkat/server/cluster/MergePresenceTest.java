package im.meerkat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.presence.ContactPresence;
import im.meerkat.server.presence.PresenceService;
import im.meerkat.server.routing.Delivery;
import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.routing.NoRemoteSessions;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.session.SessionTable;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After a partition heals, contacts who were told that a user went offline see the user
 * available again (RFC 6121 §4.4.2; docs/CLUSTER.md, "Partitions and merge"), once per merge
 * view and not once per pass: a later pass sends a session's presence in full again only when it
 * found the record missing or different, and otherwise only to resources whose records came into
 * the table after the earlier broadcast.
 */
class MergePresenceTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final Jid BOB = Jid.of("bob@example.org");
    private static final Jid CARL = Jid.of("carl@example.org");

    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();
    private final SessionTable table = new SessionTable(cache);
    private final SessionRegistry registry = new SessionRegistry(table, List.of(), "node1",
            Clock.systemUTC());
    /** Stanzas handed to other nodes, as "to presence-type". */
    private final List<String> remote = new ArrayList<>();
    /** Full broadcasts to contacts. */
    private final List<Jid> broadcasts = new ArrayList<>();
    private PartitionMerge merge;
    private LocalSession desk;

    @BeforeEach
    void aliceIsAvailableAndBobSubscribesToHer() throws Exception {
        Delivery delivery = new Delivery(registry, (record, stanza) -> {
            remote.add(stanza.to() + " " + stanza.element().localName());
            return true;
        }, m -> false);
        ContactPresence contacts = new ContactPresence() {
            @Override
            public void available(LocalSession session, Presence presence, Presence previous) {
                broadcasts.add(session.jid());
            }

            @Override
            public void unavailable(LocalSession session, Presence presence) {
            }

            @Override
            public void addressed(LocalSession session, Presence presence) {
            }

            @Override
            public Set<Jid> subscribers(Jid user) {
                return user.equals(ALICE) ? Set.of(BOB) : Set.of();
            }
        };
        PresenceService presence = new PresenceService(registry, delivery,
                new ServerConfig(Map.of("meerkat.domain", "example.org")::get), contacts);
        ClusterService alone = new ClusterService() {
            @Override
            public List<String> members() {
                return List.of("node1");
            }
        };
        merge = new PartitionMerge(registry, new NoRemoteSessions(), presence, alone);
        desk = registry.bind(ALICE, "desk", new FakeChannel("node1", "c1"));
        presence.broadcast(desk, Presence.builder().build());
        broadcasts.clear();
    }

    private void otherNode(Jid account, String resource) {
        table.put(account, new SessionRecord(resource, new ChannelId("node2", "s-" + resource),
                "tcp", "-", 0, true, 0));
    }

    @Test
    void eachPassOfOneMergeBroadcastsARecordInPlaceOnce() {
        otherNode(BOB, "phone");
        merge.merged();

        merge.heal();
        merge.heal();
        merge.heal();

        assertEquals(List.of(desk.jid()), broadcasts, "one broadcast in three passes");
    }

    @Test
    void aNewMergeViewBroadcastsAgain() {
        merge.merged();
        merge.heal();
        merge.heal();
        merge.merged();
        merge.heal();

        assertEquals(List.of(desk.jid(), desk.jid()), broadcasts);
    }

    @Test
    void aPassThatFindsTheRecordMissingBroadcastsItAgain() {
        merge.merged();
        merge.heal();
        cache.clear(); // removed meanwhile, maybe by a node that told the contacts it ended

        merge.heal();

        assertEquals(List.of(desk.jid(), desk.jid()), broadcasts);
        assertTrue(table.session(desk.jid()).isPresent());
    }

    @Test
    void aContactWhoseRecordCameBackAfterTheBroadcastGetsThePresenceInTheNextPass() {
        merge.merged();
        merge.heal(); // bob's node has not written his record back yet
        assertEquals(List.of(desk.jid()), broadcasts);
        otherNode(BOB, "phone");
        otherNode(CARL, "laptop"); // no subscription to alice
        otherNode(ALICE, "tablet"); // her own other resource
        remote.clear();

        merge.heal();

        assertEquals(List.of(desk.jid()), broadcasts, "no broadcast to everyone again");
        assertEquals(Set.of("bob@example.org/phone presence",
                "alice@example.org/tablet presence"), Set.copyOf(remote));
        assertEquals(2, remote.size(), "each once: " + remote);
        remote.clear();

        merge.heal();

        assertTrue(remote.isEmpty(), "nothing more: " + remote);
    }
}

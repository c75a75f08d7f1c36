package im.meerkat.testsuite.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.testsuite.harness.ProcessResult;
import im.meerkat.testsuite.metrics.MetricsScrape;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes of one cluster. Users on different nodes exchange presence and messages in order
 * (architecture invariant 7: one command to the node that holds the session; RFC 6120 §10.1 for
 * the order), a resource taken on another node closes the older session with {@code <conflict/>}
 * (RFC 6120 §7.7.2.2), and when a node is killed its sessions leave the table within the
 * failure detection target and its users' other resources get their unavailable presence
 * (invariant 6, RFC 6121 §4.5.2); the node then comes back.
 */
class ClusterIT {

    /** Detection (FD_SOCK2, VERIFY_SUSPECT2) and cleanup, docs/CLUSTER.md. */
    private static final Duration FAILURE_TARGET = Duration.ofSeconds(5);
    private static final int COUNT = 200;

    @RegisterExtension
    static final ClusterNodes cluster = ClusterNodes.ofThree();

    @RegisterExtension
    final Clients first = cluster.clients(0);
    @RegisterExtension
    final Clients second = cluster.clients(1);
    @RegisterExtension
    final Clients third = cluster.clients(2);

    @Test
    void usersOnTheFirstAndThirdNodeExchangePresenceAndMessagesInOrder() {
        Account alice = first.newAccount("alice");
        Account bob = first.newAccount("bob");
        XMPPTCPConnection a = first.connect(alice, "one");
        XMPPTCPConnection b = third.connect(bob, "three");
        Chat.available(a, 0);
        Chat.available(b, 0);

        try (Inbox atB = Inbox.presences(b, FromMatchesFilter.createFull(a.getUser()))) {
            // RFC 6121 §4.6: directed presence to a user held by another node
            Chat.sendStanza(a, a.getStanzaFactory().buildPresenceStanza().to(b.getUser())
                    .ofType(Presence.Type.available).build());
            assertEquals(Presence.Type.available,
                    atB.nextPresence("alice's directed presence").getType());
        }
        try (Inbox atB = Inbox.messages(b, FromMatchesFilter.createFull(a.getUser()))) {
            for (int i = 0; i < COUNT; i++) {
                Chat.send(a, b.getUser(), "m" + i);
            }
            for (int i = 0; i < COUNT; i++) {
                Message m = atB.nextMessage("message " + i + " from the first node");
                assertEquals("m" + i, m.getBody());
            }
        }
        try (Inbox atA = Inbox.messages(a, FromMatchesFilter.createFull(b.getUser()))) {
            // To the bare JID: RFC 6121 §8.5.2.1.1, the only available resource is on node 1
            Chat.send(b, alice.jid(), "to the bare JID");
            assertEquals("to the bare JID", atA.nextMessage("bob's answer").getBody());
        }
        Chat.assertChatting(a, b);
    }

    @Test
    void everyNodeSeesTheSessionsOfEveryNode() {
        Account carol = first.newAccount("carol");
        first.connect(carol, "n1");
        second.connect(carol, "n2");
        third.connect(carol, "n3");
        for (int i = 0; i < ClusterNodes.SIZE; i++) {
            List<String> jids = cluster.get(i).admin().sessionJids();
            for (String resource : List.of("n1", "n2", "n3")) {
                assertTrue(jids.contains(carol.bare() + "/" + resource),
                        cluster.name(i) + " lists " + jids);
            }
        }
    }

    @Test
    void clusterStatusListsTheThreeNodesOnEveryNode() {
        Account frank = first.newAccount("frank");
        third.connect(frank, "counted");
        for (int i = 0; i < ClusterNodes.SIZE; i++) {
            ProcessResult status = cluster.get(i).ctl().run("cluster-status");
            assertEquals(0, status.exitCode(), status.describe());
            List<String> lines = status.stdout().lines().toList();
            assertEquals(ClusterNodes.SIZE, lines.size(), status.stdout());
            for (int j = 0; j < ClusterNodes.SIZE; j++) {
                String name = cluster.name(j);
                String port = ":" + cluster.get(j).config().c2sPort();
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(name + "\t")
                        && l.contains(port) && l.contains(" sessions\tup ")),
                        name + " in " + status.stdout());
            }
            String self = cluster.name(i);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(self + "\t")
                    && l.contains("this node")), status.stdout());
            MetricsScrape metrics = MetricsScrape.of(cluster.get(i).config().httpPort());
            assertEquals(ClusterNodes.SIZE, metrics.value("meerkat_cluster_members", "mp_scope"), self);
        }
    }

    @Test
    void removeFromClusterRefusesALiveNodeAndAnUnknownOne() {
        ProcessResult live = cluster.get(0).ctl().run("remove-from-cluster", cluster.name(1));
        assertEquals(1, live.exitCode(), live.describe());
        assertTrue(live.stderr().contains("running member"), live.stderr());
        ProcessResult unknown = cluster.get(0).ctl().run("remove-from-cluster", "node999");
        assertEquals(1, unknown.exitCode(), unknown.describe());
        assertTrue(unknown.stderr().contains("no node node999"), unknown.stderr());
    }

    @Test
    void aResourceBoundOnAnotherNodeClosesTheOlderSessionWithConflict() throws Exception {
        Account dave = first.newAccount("dave");
        XMPPTCPConnection older = first.connect(dave, "same");
        XMPPTCPConnection newer = third.connect(dave, "same");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (older.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(older.isConnected(), "the older session on node 1 was closed");
        assertTrue(newer.isConnected());
        List<String> jids = cluster.get(1).admin().sessionJids();
        assertEquals(1, jids.stream().filter(j -> j.equals(dave.bare() + "/same")).count(),
                "one session for the resource: " + jids);
    }

    @Test
    void aKilledNodesSessionsLeaveTheTableAndItsUsersGoUnavailable() throws Exception {
        Account erin = first.newAccount("erin");
        XMPPTCPConnection onFirst = first.connect(erin, "stays");
        try (Inbox own = Inbox.presences(onFirst, FromMatchesFilter.createFull(onFirst.getUser()))) {
            Chat.available(onFirst, 0);
            // the server echoes available presence to the sender once it has processed it
            own.next("the echo of the first resource's presence", FAILURE_TARGET);
        }
        XMPPTCPConnection onSecond = second.connect(erin, "dies");
        String dying = erin.bare() + "/dies";
        awaitSession(0, dying, true);

        long elapsedMillis;
        try (Inbox atFirst = Inbox.presences(onFirst,
                FromMatchesFilter.createFull(onSecond.getUser()))) {
            // only a session its user's other resources saw available owes them unavailable
            Chat.available(onSecond, 0);
            Presence seen = atFirst.next("the available presence of the resource on the second node",
                    FAILURE_TARGET);
            assertEquals(Presence.Type.available, seen.getType());
            long killed = System.nanoTime();
            cluster.kill(1);
            awaitSession(0, dying, false);
            awaitSession(2, dying, false);
            elapsedMillis = (System.nanoTime() - killed) / 1_000_000;
            Presence gone = atFirst.next("the unavailable presence of the killed node's session",
                    FAILURE_TARGET);
            assertEquals(Presence.Type.unavailable, gone.getType());
        }
        System.out.println("ClusterIT: SIGKILL to clean tables on both other nodes: "
                + elapsedMillis + " ms");
        assertTrue(elapsedMillis <= FAILURE_TARGET.toMillis(),
                "tables clean after " + elapsedMillis + " ms");

        // The database still knows the killed node: cluster-status lists it outside the view
        String killedName = cluster.name(1);
        String killedAddress = "127.0.0.1:" + cluster.get(1).config().c2sPort();
        ProcessResult status = cluster.get(0).ctl().run("cluster-status");
        assertEquals(0, status.exitCode(), status.describe());
        String line = status.stdout().lines().filter(l -> l.startsWith(killedName + "\t"))
                .findFirst().orElse("");
        assertTrue(line.startsWith(killedName + "\t" + killedAddress + "\t0 sessions\tnot ")
                && line.endsWith("remove-from-cluster " + killedName + ")"), status.stdout());

        // The node comes back and its users reach the others again.
        cluster.start(1);
        Clients restarted = Clients.on(() -> cluster.get(1)); // the node has a new certificate
        restarted.beforeEach(null);
        try {
            XMPPTCPConnection back = restarted.connect(erin, "back");
            Chat.available(back, 0);
            Chat.assertChatting(onFirst, back);
        } finally {
            restarted.afterEach(null);
        }
        ProcessResult again = cluster.get(0).ctl().run("cluster-status");
        assertTrue(again.stdout().lines().anyMatch(l -> l.startsWith(killedName + "\t"
                + killedAddress + "\t") && l.contains("\tup ")), again.stdout());
        assertEquals(ClusterNodes.SIZE, again.stdout().lines().count(), again.stdout());
    }

    private static void awaitSession(int node, String jid, boolean present)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (cluster.get(node).admin().sessionJids().contains(jid) == present) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(jid + (present ? " never appeared" : " never left")
                + " on " + cluster.name(node));
    }
}

package im.meerkat.testsuite.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A partition that heals (docs/CLUSTER.md, "Partitions and merge"): the third node is suspended
 * (SIGSTOP) longer than failure detection allows, so the other two remove its sessions and tell
 * their contacts those users went offline; meanwhile a full JID the suspended node holds is bound
 * again on the second node. When the node continues (SIGCONT), the views merge: its sessions are
 * back in every node's table and its users' contacts see them available again, and the full JID
 * bound on both sides is resolved as a resource conflict (RFC 6120 §7.7.2.2): the session bound
 * later stays, the older one ends with {@code <conflict/>}. The contact gets the restored
 * presence once for the merge, not again in each pass after it (at 5 and 30 s), and a session
 * that ended on the other side while the node was suspended is gone from every node's table.
 */
class PartitionMergeIT {

    /** FD_ALL3's timeout for these nodes (3 s by default). */
    private static final Duration FD_TIMEOUT = Duration.ofSeconds(15);
    /** FD_ALL3 and VERIFY_SUSPECT2 (0.5 s), with room for a loaded machine. */
    private static final Duration DETECTION = Duration.ofSeconds(90);
    /** MERGE3 looks for other views every 1 to 10 s; the rest is room for a loaded machine. */
    private static final Duration MERGE = Duration.ofMinutes(3);
    private static final int PAUSED = 2;
    /**
     * After the restored presence, a pass 30 s after the merge view would send it again if each
     * pass did; it runs 30 s after the view at the latest, this is room for a slow first pass.
     */
    private static final Duration ONCE_WINDOW = Duration.ofSeconds(45);
    private static final Duration REPEAT_FROM = Duration.ofSeconds(10);

    private static ClusterNodes cluster;
    private static volatile boolean paused;

    @RegisterExtension
    final Clients first = Clients.on(() -> cluster.get(0));
    @RegisterExtension
    final Clients second = Clients.on(() -> cluster.get(1));
    @RegisterExtension
    final Clients third = Clients.on(() -> cluster.get(2));

    @BeforeAll
    static void startCluster() {
        // A loaded machine must not split the cluster by itself: the partition is the test's.
        cluster = ClusterNodes.ofThree().with("MEERKAT_JAVA_OPTS",
                "-Dmeerkat.cluster.fd-timeout=" + FD_TIMEOUT.toMillis());
        try {
            cluster.startAll();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            if (paused) {
                cluster.resume(PAUSED);
            }
            cluster.close();
        }
    }

    @Test
    void afterTheMergeLostSessionsComeBackAndADoubleBindIsAConflict() throws Exception {
        Account carol = first.newAccount("carol");
        Account dave = first.newAccount("dave");
        Account erin = first.newAccount("erin");
        XMPPTCPConnection c = first.connect(carol, "desk");
        // The subscription handshake on one node; the roster then holds it for every node.
        XMPPTCPConnection setup = first.connect(dave, "setup");
        subscribe(c, setup, carol, dave);
        setup.disconnect();
        String daveJid = dave.bare() + "/phone";
        XMPPTCPConnection d;
        try (Inbox atCarol = Inbox.presences(c,
                FromMatchesFilter.createFull(JidCreate.from(daveJid)))) {
            d = third.connect(dave, "phone");
            Chat.available(d, 0);
            awaitPresence(atCarol, Presence.Type.available,
                    "dave's presence from the third node", DETECTION);
        }
        String erinJid = erin.bare() + "/same";

        XMPPTCPConnection older = third.connect(erin, "same");
        AtomicReference<StreamError> olderEnd = new AtomicReference<>();
        older.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                if (e instanceof StreamErrorException error) {
                    olderEnd.set(error.getStreamError());
                }
            }
        });
        Chat.available(older, 0);
        awaitSessions(0, erinJid, List.of(erinJid + " " + cluster.name(PAUSED)));
        // A session of carol's that ends while the third node is cut off
        String spareJid = carol.bare() + "/spare";
        XMPPTCPConnection spare = first.connect(carol, "spare");
        Chat.available(spare, 0);
        awaitSessions(PAUSED, spareJid, List.of(spareJid + " " + cluster.name(0)));

        try (Inbox atCarol = Inbox.presences(c, FromMatchesFilter.createFull(d.getUser()))) {
            cluster.pause(PAUSED);
            paused = true;
            // The others remove the suspended node's sessions (invariant 6) ...
            awaitSessions(0, daveJid, List.of());
            awaitSessions(1, daveJid, List.of());
            awaitPresence(atCarol, Presence.Type.unavailable,
                    "dave's unavailable presence while his node is cut off", DETECTION);

            // ... and erin binds the same full JID on the second node meanwhile.
            XMPPTCPConnection newer = second.connect(erin, "same");
            Chat.available(newer, 0);
            awaitSessions(1, erinJid, List.of(erinJid + " " + cluster.name(1)));
            spare.disconnect();
            awaitSessions(0, spareJid, List.of());

            List<Long> daveAvailableAt = new CopyOnWriteArrayList<>();
            StanzaListener availableAt = p -> {
                if (((Presence) p).getType() == Presence.Type.available) {
                    daveAvailableAt.add(System.nanoTime());
                }
            };
            c.addSyncStanzaListener(availableAt, new AndFilter(StanzaTypeFilter.PRESENCE,
                    FromMatchesFilter.createFull(d.getUser())));
            long resumed = System.nanoTime();
            cluster.resume(PAUSED);
            paused = false;
            for (int i = 0; i < ClusterNodes.SIZE; i++) {
                awaitSessions(i, daveJid, List.of(daveJid + " " + cluster.name(PAUSED)), MERGE);
            }
            awaitPresence(atCarol, Presence.Type.available,
                    "dave's available presence after the merge", MERGE);
            System.out.println("PartitionMergeIT: SIGCONT to dave's session back on every node: "
                    + (System.nanoTime() - resumed) / 1_000_000 + " ms");

            // RFC 6120 §7.7.2.2: the later bind (on the second node) stays
            for (int i = 0; i < ClusterNodes.SIZE; i++) {
                awaitSessions(i, erinJid, List.of(erinJid + " " + cluster.name(1)), MERGE);
            }
            Await.until("the older session of erin closed", MERGE, () -> !older.isConnected(),
                    () -> older);
            // Smack marks the connection closed first and tells its listeners why afterwards
            Await.until("the older session's stream error", Duration.ofSeconds(10),
                    () -> olderEnd.get() != null, olderEnd::get);
            assertEquals(StreamError.Condition.conflict, olderEnd.get() == null ? null
                    : olderEnd.get().getCondition(), "the older session's stream error");
            assertTrue(newer.isConnected(), "the newer session of erin stays");
            assertTrue(d.isConnected(), "dave's stream on the suspended node stayed up");
            Chat.assertChatting(c, d);

            // The session of carol's that ended during the partition is gone everywhere
            for (int i = 0; i < ClusterNodes.SIZE; i++) {
                awaitSessions(i, spareJid, List.of(), MERGE);
            }

            // Once for the merge, not again in the passes after it
            long first = daveAvailableAt.get(0);
            long left = first + ONCE_WINDOW.toNanos() - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            c.removeSyncStanzaListener(availableAt);
            List<Long> offsets = daveAvailableAt.stream()
                    .map(t -> (t - first) / 1_000_000).toList();
            System.out.println("PartitionMergeIT: dave's available presence at carol after the"
                    + " merge, ms after the first: " + offsets);
            assertEquals(List.of(), offsets.stream()
                    .filter(o -> o >= REPEAT_FROM.toMillis()).toList(),
                    "dave's available presence again " + REPEAT_FROM.toSeconds() + " to "
                    + ONCE_WINDOW.toSeconds() + " s after the first (ms after it)");
        }
    }

    /**
     * carol and dave subscribe to each other's presence (RFC 6121 §3) and are available. Both
     * are on one node: this class is about the merge; SubscriptionClusterIT makes the handshake
     * across nodes.
     */
    private static void subscribe(XMPPTCPConnection c, XMPPTCPConnection d, Account carol,
            Account dave) throws Exception {
        Roster rc = Roster.getInstanceFor(c);
        Roster rd = Roster.getInstanceFor(d);
        rc.setSubscriptionMode(Roster.SubscriptionMode.manual);
        rd.setSubscriptionMode(Roster.SubscriptionMode.manual);
        rc.reloadAndWait();
        rd.reloadAndWait();
        SubscribeListener approve = (from, presence) ->
                SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired;
        rc.addSubscribeListener(approve);
        rd.addSubscribeListener(approve);
        Chat.available(c, 0);
        Chat.available(d, 0);
        rc.createItemAndRequestSubscription(dave.jid(), "Dave", null);
        // across nodes on a loaded machine: longer than a reply timeout
        Await.until("both at carol", DETECTION, () -> both(rc, dave), rc::getEntries);
        Await.until("both at dave", DETECTION, () -> both(rd, carol), rd::getEntries);
    }

    /** Reads presence until one of the type comes (an earlier one of dave's may still arrive). */
    private static void awaitPresence(Inbox inbox, Presence.Type type, String what,
            Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            Presence p = inbox.next(what, left);
            if (p.getType() == type) {
                return;
            }
        }
    }

    private static boolean both(Roster roster, Account contact) {
        RosterEntry e = roster.getEntry(contact.jid());
        return e != null && e.getType() == ItemType.both;
    }

    private static void awaitSessions(int node, String jid, List<String> expected) {
        awaitSessions(node, jid, expected, DETECTION);
    }

    /** Waits until the node's table holds exactly these {@code jid node} lines for the JID. */
    private static void awaitSessions(int node, String jid, List<String> expected,
            Duration wait) {
        Await.until(cluster.name(node) + " listing " + expected + " for " + jid, wait,
                () -> lines(node, jid).equals(expected), () -> lines(node, jid));
    }

    private static List<String> lines(int node, String jid) {
        return cluster.get(node).admin().sessionsWithNodes().stream()
                .filter(l -> l.startsWith(jid + " ")).toList();
    }
}

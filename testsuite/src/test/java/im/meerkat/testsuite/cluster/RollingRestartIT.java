package im.meerkat.testsuite.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.ProcessResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SmackException.NotConnectedException;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sm.predicates.ForEveryMessage;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A rolling restart of a cluster of three (docs/CLUSTER.md, "Rolling restart"): nodes 1, 2 and 3
 * are stopped gracefully and started again one at a time while two users with stream management
 * (XEP-0198) chat without pause, a message every 50 ms each way, numbered. A user whose node
 * stops is told to reconnect elsewhere ({@code <see-other-host/>}, RFC 6120 §4.9.3.19) and does
 * so, as a client does; the other's messages meanwhile reach its new session, or offline storage
 * until its presence comes (RFC 6121 §8.5.2.1.1 and §8.5.3.2). Every message the server
 * acknowledged (XEP-0198 §4) must reach the other user at least once; the order is reported.
 */
class RollingRestartIT {

    private static final long PAUSE_MILLIS = 50;
    private static final Duration MOVE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REJOIN_TIMEOUT = Duration.ofMinutes(3);

    private static ClusterNodes cluster;
    /** The node being restarted, -1 when none. */
    private static volatile int stopping = -1;

    @RegisterExtension
    final Clients first = Clients.on(() -> cluster.get(0));
    @RegisterExtension
    final Clients second = Clients.on(() -> cluster.get(1));
    @RegisterExtension
    final Clients third = Clients.on(() -> cluster.get(2));

    @BeforeAll
    static void startCluster() {
        cluster = ClusterNodes.ofThree();
        try {
            cluster.startAll();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyAcknowledgedMessageArrivesInOrderWhileEachNodeRestarts() throws Exception {
        Account alice = first.newAccount("alice");
        Account bob = first.newAccount("bob");
        User a = new User(alice, bob);
        User b = new User(bob, alice);
        a.connect(1);
        b.connect(2);
        List<Thread> talkers = List.of(a.talk(b), b.talk(a));
        long started = System.nanoTime();
        try {
            for (int node = 0; node < ClusterNodes.SIZE; node++) {
                stopping = node;
                cluster.get(node).stop();
                // Told to move by the stopping node, each user is elsewhere before it is back.
                a.awaitOffNode(node);
                b.awaitOffNode(node);
                cluster.get(node).startAgain();
                stopping = -1;
                awaitThreeMembers(node);
                System.out.println("RollingRestartIT: " + cluster.name(node) + " restarted after "
                        + (System.nanoTime() - started) / 1_000_000_000 + " s; alice on "
                        + cluster.name(a.node) + ", bob on " + cluster.name(b.node));
            }
        } finally {
            a.talking.set(false);
            b.talking.set(false);
            for (Thread t : talkers) {
                t.join();
            }
        }
        a.awaitAllOf(b);
        b.awaitAllOf(a);
        System.out.println("RollingRestartIT: alice sent " + a.sent + " (" + a.acked.size()
                + " acknowledged), bob sent " + b.sent + " (" + b.acked.size()
                + " acknowledged); moves: alice " + a.moves + ", bob " + b.moves + "; "
                + (System.nanoTime() - started) / 1_000_000_000 + " s");
        a.assertReceivedAll(b);
        b.assertReceivedAll(a);
        assertTrue(a.moves.size() + b.moves.size() >= 2,
                "each user was on a node that restarted: " + a.moves + ", " + b.moves);
        for (String move : a.moves) {
            assertTrue(move.startsWith("see-other-host"), "alice's moves " + a.moves);
        }
        for (String move : b.moves) {
            assertTrue(move.startsWith("see-other-host"), "bob's moves " + b.moves);
        }
        for (int i = 0; i < ClusterNodes.SIZE; i++) {
            ProcessResult status = cluster.get(i).ctl().run("cluster-status");
            assertEquals(0, status.exitCode(), status.describe());
            assertEquals(ClusterNodes.SIZE, status.stdout().lines().count(), status.stdout());
        }
    }

    private Clients clientsOf(int node) {
        return List.of(first, second, third).get(node);
    }

    private static void awaitThreeMembers(int node) throws InterruptedException {
        long deadline = System.nanoTime() + REJOIN_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            ProcessResult status = cluster.get(node).ctl().run("cluster-status");
            last = status.stdout();
            if (status.exitCode() == 0 && last.lines().filter(l -> l.contains("\tup "))
                    .count() == ClusterNodes.SIZE) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(cluster.name(node) + " did not rejoin: " + last);
    }

    /** The node whose client port is in a {@code <see-other-host/>} address, or -1. */
    private static int nodeAt(String address) {
        for (int i = 0; i < ClusterNodes.SIZE; i++) {
            if (address.endsWith(":" + cluster.get(i).config().c2sPort())) {
                return i;
            }
        }
        return -1;
    }

    /** One user: one connection at a time, moved as a client moves, sending and receiving. */
    private final class User {

        private final Account account;
        private final BareJid peer;
        private final AtomicBoolean talking = new AtomicBoolean(true);
        private final Set<Integer> acked = new ConcurrentSkipListSet<>();
        /** The numbers received from the peer, in the order they arrived, repeats included. */
        private final List<Integer> received = new CopyOnWriteArrayList<>();
        private final List<String> moves = new CopyOnWriteArrayList<>();
        private volatile XMPPTCPConnection connection;
        private volatile int node = -1;
        private volatile int sent;

        User(Account account, Account peer) throws Exception {
            this.account = account;
            this.peer = JidCreate.bareFrom(peer.bare());
        }

        void connect(int target) {
            XMPPTCPConnection c = clientsOf(target).login(account).resource("rolling")
                    .streamManagement(true).connect();
            assertTrue(c.isSmEnabled(), "stream management enabled on " + cluster.name(target));
            c.addRequestAckPredicate(ForEveryMessage.INSTANCE);
            c.addStanzaAcknowledgedListener(s -> {
                Integer n = number(s);
                if (n != null) {
                    acked.add(n);
                }
            });
            c.addSyncStanzaListener(s -> {
                Integer n = number(s);
                if (n != null) {
                    received.add(n);
                }
            }, new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createBare(peer)));
            c.addConnectionListener(new ConnectionListener() {
                @Override
                public void connectionClosedOnError(Exception e) {
                    new Thread(() -> move(e), "move-" + account.user()).start();
                }
            });
            // Initial presence: bare-JID messages, and those stored meanwhile, come from now on.
            Chat.available(c, 0);
            connection = c;
            node = target;
        }

        /** What a client does when its stream ends: reconnect where it was told, else elsewhere. */
        private void move(Exception cause) {
            String reason = "closed: " + cause;
            int target = -1;
            if (cause instanceof StreamErrorException error) {
                StreamError stream = error.getStreamError();
                reason = stream.getCondition() + " " + stream.getConditionText();
                if (stream.getCondition() == StreamError.Condition.see_other_host
                        && stream.getConditionText() != null) {
                    target = nodeAt(stream.getConditionText().trim());
                }
            }
            long deadline = System.nanoTime() + MOVE_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                int to = target >= 0 && target != stopping ? target : anotherNode();
                try {
                    connect(to);
                    moves.add(reason.replace('_', '-') + " -> " + cluster.name(to));
                    return;
                } catch (AssertionError e) {
                    System.out.println("RollingRestartIT: " + account.user() + " could not move to "
                            + cluster.name(to) + ": " + e.getMessage());
                    target = -1;
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        private int anotherNode() {
            for (int i = 0; i < ClusterNodes.SIZE; i++) {
                if (i != stopping && i != node && cluster.get(i).running()) {
                    return i;
                }
            }
            return (node + 1) % ClusterNodes.SIZE;
        }

        Thread talk(User other) {
            Thread t = new Thread(() -> {
                int next = 0;
                while (talking.get()) {
                    XMPPTCPConnection c = connection;
                    if (c != null && c.isAuthenticated()) {
                        Message m = Chat.message(c, other.account.jid(), Message.Type.chat,
                                "seq " + next);
                        try {
                            c.sendStanza(m);
                            next++;
                            sent = next;
                        } catch (NotConnectedException e) {
                            // the stream ended; the client moves, and the next number goes there
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    try {
                        Thread.sleep(PAUSE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "talk-" + account.user());
            t.start();
            return t;
        }

        void awaitOffNode(int stopped) throws InterruptedException {
            long deadline = System.nanoTime() + MOVE_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                XMPPTCPConnection c = connection;
                if (node != stopped && c != null && c.isAuthenticated()) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError(account.user() + " did not leave " + cluster.name(stopped)
                    + "; moves " + moves);
        }

        /** Waits until every number the other's server acknowledged has arrived here. */
        void awaitAllOf(User other) throws InterruptedException {
            long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && !received.containsAll(other.acked)) {
                Thread.sleep(100);
            }
        }

        /** XEP-0198: acknowledged means handled; RFC 6120 §10.1: in the order sent. */
        /**
         * Every message the other user's stream management saw acknowledged arrived (duplicates
         * are allowed: unacknowledged messages of a closed stream are delivered again). Order is
         * reported, not asserted: a message the old stream held unacknowledged when the client
         * moved is delivered again on the new stream, after live messages that reached the new
         * stream first (docs/CLUSTER.md, "Rolling restart").
         */
        void assertReceivedAll(User other) {
            List<Integer> missing = new ArrayList<>(other.acked);
            missing.removeAll(received);
            assertTrue(missing.isEmpty(), account.user() + " never received acknowledged messages "
                    + missing + " of " + other.acked.size());
            int highest = -1;
            List<Integer> late = new ArrayList<>();
            for (int i = 0; i < received.size(); i++) {
                int n = received.get(i);
                if (n > highest) {
                    highest = n;
                } else if (!received.subList(0, i).contains(n)) {
                    late.add(n);
                }
            }
            System.out.println("RollingRestartIT: " + account.user() + " received "
                    + received.size() + " messages; first arrivals after a higher number: " + late);
        }

        private static Integer number(Stanza s) {
            if (s instanceof Message m && m.getBody() != null && m.getBody().startsWith("seq ")) {
                return Integer.valueOf(m.getBody().substring(4));
            }
            return null;
        }
    }
}

package im.meerkat.testsuite.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.ReceivedStream;
import im.meerkat.testsuite.harness.XmlNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0198 §5 across the nodes of a cluster (docs/CLUSTER.md, "Resumption on another node"): a
 * client whose connection to one node broke resumes its session on another node; the node that
 * held it hands it over with one command. The client here is the suite's raw client, so that
 * the test decides exactly what it acknowledges; its contact is a Smack client on a third node.
 * Wrong ids, and an id whose node died, get {@code <item-not-found/>}.
 */
class ResumptionAcrossNodesIT {

    private static final String SM = "urn:xmpp:sm:3";
    private static final String CLIENT = "jabber:client";
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int BEFORE = 10;
    private static final int ACKNOWLEDGED = 4;
    private static final int WHILE_DETACHED = 3;
    private static final int AFTER = 5;

    /** Long enough for the test's client to resume elsewhere on a loaded machine. */
    @RegisterExtension
    static final ClusterNodes cluster = ClusterNodes.ofThree().with("MEERKAT_CLUSTER_MOVE_WAIT", "15");

    @RegisterExtension
    final Clients first = cluster.clients(0);
    @RegisterExtension
    final Clients second = cluster.clients(1);
    @RegisterExtension
    final Clients third = cluster.clients(2);

    @Test
    void section5ASessionOfTheFirstNodeIsResumedOnTheSecondInOrderWithoutUnavailablePresence()
            throws Exception {
        Account alice = first.newAccount("alice");
        Account bob = first.newAccount("bob");
        XMPPTCPConnection b = third.connect(bob, "three");
        Chat.available(b, 0);

        String full;
        String id;
        int acknowledgedStanzas;
        try (Inbox presenceAtBob = Inbox.presences(b, FromMatchesFilter.createBare(alice.jid()))) {
            try (RawXmppClient one = connect(first)) {
                full = login(one, first, alice, "phone");
                one.send("<enable xmlns='" + SM + "' resume='true'/>");
                XmlNode enabled = awaitSm(one, "enabled");
                id = enabled.attribute("id");
                assertNotNull(id, "resumption enabled: " + enabled);
                one.send("<presence/>");
                // RFC 6121 §4.6: directed presence, whose targets get unavailable presence at the end
                one.send("<presence to='" + b.getUser() + "'/>");
                Presence directed = presenceAtBob.nextPresence("alice's directed presence");
                assertEquals(Presence.Type.available, directed.getType());

                acknowledgedStanzas = receiveFirst(one, b, JidCreate.from(full));
            } // the TCP connection drops without </stream>

            Jid to = JidCreate.from(full);
            sendNumbered(b, to, BEFORE + 1, BEFORE + WHILE_DETACHED);
            try (RawXmppClient two = connect(second)) {
                resumeAndReceiveTheRest(two, second, alice, id, acknowledgedStanzas, b, to,
                        "2", "the two presences alice sent on node 1");

                for (int node = 0; node < ClusterNodes.SIZE; node++) {
                    List<String> sessions = cluster.get(node).admin().sessionsWithNodes();
                    assertEquals(List.of(full + " " + cluster.name(1)),
                            sessions.stream().filter(l -> l.startsWith(full + " ")).toList(),
                            "the session table on " + cluster.name(node));
                }

                // Alice, now on node 2, writes to bob; nothing but that message arrives at bob
                try (Inbox atBob = Inbox.messages(b, FromMatchesFilter.createFull(to))) {
                    two.send("<message to='" + b.getUser() + "' type='chat' id='after'>"
                            + "<body>from node 2</body></message>");
                    assertEquals("from node 2", atBob.nextMessage("alice's message").getBody());
                }
                List<Stanza> early = presenceAtBob.drain();
                assertEquals(List.of(), early, "no presence of alice at bob during the move");

                two.send("</stream:stream>");
                assertTrue(two.awaitClose(WAIT));
            }
            // The directed presence travelled with the session: its end reaches bob now
            Presence end = presenceAtBob.nextPresence("alice's unavailable presence at the end");
            assertEquals(Presence.Type.unavailable, end.getType());
            assertEquals(full, end.getFrom().toString());
        }
    }

    /**
     * A graceful stop sends the clients of the node away with {@code <see-other-host/>} (RFC 6120
     * §4.9.3.19); a session with resumption enabled stays to be resumed on the node named there,
     * so its unacknowledged messages and those sent during the move arrive once and in order.
     */
    @Test
    void aSessionSentAwayByAStoppingNodeIsResumedOnTheNodeItsClientIsSentTo() throws Exception {
        Account alice = first.newAccount("alice");
        Account bob = first.newAccount("bob");
        XMPPTCPConnection b = third.connect(bob, "three");
        CompletableFuture<Void> stop = null;
        try {
            String full;
            String id;
            int acknowledgedStanzas;
            String host;
            try (RawXmppClient one = connect(second)) {
                full = login(one, second, alice, "phone");
                one.send("<enable xmlns='" + SM + "' resume='true'/>");
                id = awaitSm(one, "enabled").attribute("id");
                assertNotNull(id);
                one.send("<presence/>");
                acknowledgedStanzas = receiveFirst(one, b, JidCreate.from(full));

                stop = CompletableFuture.runAsync(() -> cluster.get(1).stop());
                assertEquals("see-other-host", one.awaitStreamError(Duration.ofMinutes(2)), one.text());
                host = one.received().find(ReceivedStream.STREAMS_NS, "error")
                        .flatMap(e -> e.child(ReceivedStream.STREAM_ERRORS_NS, "see-other-host"))
                        .map(XmlNode::text).orElse("");
            }
            int target = nodeAt(host);
            assertTrue(target == 0 || target == 2, "sent to a running node: " + host);

            Jid to = JidCreate.from(full);
            sendNumbered(b, to, BEFORE + 1, BEFORE + WHILE_DETACHED);
            Clients there = target == 0 ? first : third;
            try (RawXmppClient two = connect(there)) {
                resumeAndReceiveTheRest(two, there, alice, id, acknowledgedStanzas, b, to,
                        "1", "the presence alice sent on node 2");
                for (int node : new int[] {0, 2}) {
                    List<String> sessions = cluster.get(node).admin().sessionsWithNodes();
                    assertEquals(List.of(full + " " + cluster.name(target)),
                            sessions.stream().filter(l -> l.startsWith(full + " ")).toList(),
                            "the session table on " + cluster.name(node));
                }
                stop.join();
                two.send("</stream:stream>");
                assertTrue(two.awaitClose(WAIT));
            }
        } finally {
            if (stop != null) {
                stop.join();
                cluster.get(1).startAgain();
            }
        }
    }

    /**
     * The contact sends m1 to m10 to the raw client, which receives them in order and handles
     * up to m4: the count of stanzas it acknowledges in {@code <resume/>} only (XEP-0198 §4).
     */
    private static int receiveFirst(RawXmppClient client, XMPPTCPConnection contact, Jid to)
            throws Exception {
        sendNumbered(contact, to, 1, BEFORE);
        ReceivedStream s = client.await(r -> bodies(r).size() >= BEFORE, WAIT);
        assertEquals(numbered(1, BEFORE), bodies(s), client.text());
        return stanzasUpTo(s, "m" + ACKNOWLEDGED);
    }

    /**
     * Resumes the session {@code id} on a new stream (XEP-0198 §5), with the server's count
     * {@code h} of what the client sent; then the contact sends the last messages, and the
     * stream must get every message the client did not acknowledge once and in order, then those.
     */
    private static void resumeAndReceiveTheRest(RawXmppClient client, Clients node, Account account,
            String id, int acknowledged, XMPPTCPConnection contact, Jid to, String h, String what)
            throws Exception {
        authenticated(client, node, account);
        client.send("<resume xmlns='" + SM + "' previd='" + id + "' h='" + acknowledged + "'/>");
        XmlNode resumed = awaitSm(client, "resumed", "failed");
        assertTrue(resumed.is(SM, "resumed"), "§5: " + client.text());
        assertEquals(id, resumed.attribute("previd"));
        assertEquals(h, resumed.attribute("h"), what);
        int last = BEFORE + WHILE_DETACHED + AFTER;
        sendNumbered(contact, to, BEFORE + WHILE_DETACHED + 1, last);
        ReceivedStream s = client.await(r -> bodies(r).contains("m" + last), WAIT);
        assertEquals(numbered(ACKNOWLEDGED + 1, last), bodies(s),
                "every unacknowledged message once, in order, then the new ones: " + client.text());
    }

    private static void sendNumbered(XMPPTCPConnection from, Jid to, int first, int last)
            throws Exception {
        for (int i = first; i <= last; i++) {
            Chat.send(from, to, "m" + i);
        }
    }

    /** The node whose client port a {@code <see-other-host/>} address names, or -1. */
    private static int nodeAt(String address) {
        for (int i = 0; i < ClusterNodes.SIZE; i++) {
            if (address.endsWith(":" + cluster.get(i).config().c2sPort())) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void section5AWrongIdOnAnotherNodeIsItemNotFoundAndTheSessionStaysResumable() throws Exception {
        Account alice = first.newAccount("alice");
        Account mallory = first.newAccount("mallory");
        String full;
        String id;
        try (RawXmppClient one = connect(first)) {
            full = login(one, first, alice, "phone");
            one.send("<enable xmlns='" + SM + "' resume='true'/>");
            id = awaitSm(one, "enabled").attribute("id");
            assertNotNull(id);
        } // dropped: the session waits on node 1

        try (RawXmppClient wrong = connect(second)) {
            authenticated(wrong, second, alice);
            wrong.send("<resume xmlns='" + SM + "' previd='" + id + "x' h='0'/>");
            XmlNode failed = awaitSm(wrong, "failed", "resumed");
            assertTrue(failed.is(SM, "failed") && failed.child(STANZAS, "item-not-found").isPresent(),
                    "§5: unknown id: " + wrong.text());
            // The stream goes on: it may bind a resource of its own
            wrong.send("<iq type='set' id='bind-1'><bind xmlns='" + RawXmppClient.BIND_NS
                    + "'><resource>desk</resource></bind></iq>");
            ReceivedStream s = wrong.await(r -> r.find(e -> "bind-1".equals(e.attribute("id"))).isPresent(),
                    WAIT);
            assertEquals("result", s.find(e -> "bind-1".equals(e.attribute("id"))).orElseThrow()
                    .attribute("type"), wrong.text());
        }
        try (RawXmppClient own = connect(first)) {
            // Mallory has a session on node 1 too, so node 3 asks there: the id is not hers
            login(own, first, mallory, "hers");
            try (RawXmppClient other = connect(third)) {
                authenticated(other, third, mallory);
                other.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
                XmlNode failed = awaitSm(other, "failed", "resumed");
                assertTrue(failed.is(SM, "failed") && failed.child(STANZAS, "item-not-found").isPresent(),
                        "§5: another account's id: " + other.text());
            }
        }
        try (RawXmppClient three = connect(third)) {
            authenticated(three, third, alice);
            three.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            XmlNode resumed = awaitSm(three, "resumed", "failed");
            assertTrue(resumed.is(SM, "resumed"), "the session stayed resumable: " + three.text());
            three.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
            ReceivedStream s = three.await(r -> r.find(e -> "p1".equals(e.attribute("id"))).isPresent(), WAIT);
            assertEquals(full, s.find(e -> "p1".equals(e.attribute("id"))).orElseThrow().attribute("to"),
                    "the same full JID on node 3");
        }
    }

    @Test
    void section5ASessionWhoseNodeDiedIsNotFoundAndMessagesToItWaitOffline() throws Exception {
        Account alice = first.newAccount("alice");
        Account bob = first.newAccount("bob");
        XMPPTCPConnection b = first.connect(bob, "one");
        String full;
        String id;
        try (RawXmppClient three = connect(third)) {
            full = login(three, third, alice, "phone");
            three.send("<enable xmlns='" + SM + "' resume='true'/>");
            id = awaitSm(three, "enabled").attribute("id");
            assertNotNull(id);
        } // dropped: the session waits on node 3
        cluster.kill(2);
        try {
            awaitNoSession(0, full);
            awaitNoSession(1, full);
            Chat.send(b, JidCreate.from(full), "while gone"); // RFC 6121 §8.5.3.2.1: offline storage
            try (RawXmppClient two = connect(second)) {
                authenticated(two, second, alice);
                two.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
                XmlNode failed = awaitSm(two, "failed", "resumed");
                assertTrue(failed.is(SM, "failed") && failed.child(STANZAS, "item-not-found").isPresent(),
                        "§5: the session's node is dead: " + two.text());
                two.send("<iq type='set' id='bind-1'><bind xmlns='" + RawXmppClient.BIND_NS
                        + "'><resource>phone</resource></bind></iq>");
                two.send("<presence/>");
                ReceivedStream s = two.await(r -> bodies(r).contains("while gone"), WAIT);
                assertEquals(List.of("while gone"), bodies(s), "from offline storage: " + two.text());
            }
        } finally {
            cluster.start(2);
        }
    }

    private static void awaitNoSession(int node, String fullJid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!cluster.get(node).admin().sessionJids().contains(fullJid)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(fullJid + " never left the table of " + cluster.name(node));
    }

    private static RawXmppClient connect(Clients clients) throws IOException {
        return RawXmppClient.connect(clients.node().config().c2sPort());
    }

    private static String login(RawXmppClient raw, Clients clients, Account account, String resource)
            throws IOException {
        MeerkatNode node = clients.node();
        return raw.login(node.domain(), node.tls().sslContext(), account.user(), account.password(),
                resource);
    }

    /** STARTTLS, PLAIN and the restarted stream: authenticated, nothing bound. */
    private static void authenticated(RawXmppClient raw, Clients clients, Account account)
            throws IOException {
        MeerkatNode node = clients.node();
        raw.openStream(node.domain());
        raw.awaitFeatures();
        raw.startTls(node.tls().sslContext());
        raw.startTlsStream(node.domain());
        assertTrue(raw.authenticatePlain(account.user(), account.password())
                .is(RawXmppClient.SASL_NS, "success"));
        raw.openStream(node.domain());
        raw.awaitFeatures();
    }

    private static XmlNode awaitSm(RawXmppClient raw, String... localNames) throws IOException {
        ReceivedStream s = raw.await(r -> r.find(e -> e.namespace().equals(SM)
                && List.of(localNames).contains(e.name())).isPresent(), WAIT);
        return s.find(e -> e.namespace().equals(SM) && List.of(localNames).contains(e.name()))
                .orElseThrow(() -> new AssertionError("no " + List.of(localNames) + ": " + raw.text()));
    }

    /** The bodies of the messages of the current stream, in the order they arrived. */
    private static List<String> bodies(ReceivedStream s) {
        List<String> bodies = new ArrayList<>();
        for (XmlNode e : s.elements()) {
            if (e.is(CLIENT, "message")) {
                e.child(CLIENT, "body").ifPresent(body -> bodies.add(body.text()));
            }
        }
        return bodies;
    }

    /** How many stanzas arrived after {@code <enabled/>} up to the message with this body (§4). */
    private static int stanzasUpTo(ReceivedStream s, String body) {
        int count = 0;
        boolean counting = false;
        for (XmlNode e : s.elements()) {
            if (e.is(SM, "enabled")) {
                counting = true;
            } else if (counting && e.namespace().equals(CLIENT)
                    && List.of("message", "presence", "iq").contains(e.name())) {
                count++;
                if (e.is(CLIENT, "message") && e.child(CLIENT, "body")
                        .map(XmlNode::text).filter(body::equals).isPresent()) {
                    return count;
                }
            }
        }
        throw new AssertionError("no message " + body);
    }

    private static List<String> numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "m" + i).toList();
    }
}

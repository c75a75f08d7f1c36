package im.meerkat.testsuite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.NodeConfig;
import im.meerkat.testsuite.harness.Suite;
import im.meerkat.testsuite.harness.TestDatabase;
import im.meerkat.xmpp.xml.Element;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * BOSH without a sticky balancer: two nodes of one cluster (PostgreSQL, JDBC_PING, as
 * cluster/ClusterIT), a BOSH session created on node A and then requests sent alternately to A and
 * B. B forwards the requests of A's session to A, so the session logs in, keeps its request held
 * (the long poll, XEP-0124 §7.3) and chats with a TCP user in order whichever node a request
 * reaches; a sid no node holds gets {@code item-not-found} (§17.2) on either node.
 */
class BoshClusterIT {

    private static final String DATABASE = "meerkat_bosh_cluster_test_" + Suite.sharedNode();
    private static final int COUNT = 50;
    private static final List<MeerkatNode> nodes = new ArrayList<>();

    @RegisterExtension
    final Clients onA = Clients.on(() -> nodes.get(0));
    @RegisterExtension
    final Clients onB = Clients.on(() -> nodes.get(1));

    @BeforeAll
    static void startCluster() {
        TestDatabase.recreate(DATABASE);
        int a = MeerkatNode.freeNumber(Suite.sharedNode() + 1);
        int b = MeerkatNode.freeNumber(a + 1);
        String name = "meerkat-bosh-it-" + ProcessHandle.current().pid();
        try {
            // A alone first: it creates the schema.
            nodes.add(MeerkatNode.start(config(a, name)));
            nodes.add(MeerkatNode.start(config(b, name)));
        } catch (RuntimeException e) {
            stopCluster();
            throw e;
        }
        // Both see both: routing between them and the command that names B's endpoint need the view.
        Await.until("a cluster of two", Duration.ofSeconds(60),
                () -> nodes.get(0).ctl().run("cluster-status").stdout().lines().filter(l -> l.contains("\t")).count() >= 2,
                () -> nodes.get(0).ctl().run("cluster-status").stdout());
    }

    private static NodeConfig config(int number, String cluster) {
        return NodeConfig.shared().withNumber(number).withDatabase(null)
                .with("MEERKAT_CLUSTER_DISCOVERY", "jdbc")
                .with("MEERKAT_CLUSTER_NAME", cluster)
                .with("MEERKAT_DB_URL", NodeConfig.POSTGRES_URL + DATABASE)
                .with("MEERKAT_DB_USER", "postgres")
                .with("MEERKAT_DB_PASSWORD", "postgres")
                // a start on a loaded 2-core machine has taken over 180 s, the launcher's default
                .with("MEERKAT_START_TIMEOUT", "600");
    }

    @AfterAll
    static void stopCluster() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (MeerkatNode node : nodes) {
            stops.add(CompletableFuture.runAsync(node::close));
        }
        stops.forEach(CompletableFuture::join);
        nodes.clear();
    }

    @Test
    void requestsAlternatingBetweenNodesReachTheSessionOnItsNode() throws Exception {
        Account alice = onA.newAccount("boshalice");
        Account bob = onB.newAccount("tcpbob");
        XMPPTCPConnection tcp = onB.connect(bob, "desk");
        URI a = Https.boshHttps(nodes.get(0));
        URI b = Https.boshHttps(nodes.get(1));
        try (BoshClient bosh = new BoshClient(a, b)) {
            // SASL, restart and bind: half of these requests reach B
            String full = bosh.login(alice.domain(), alice.user(), alice.password(), "web");
            assertEquals(alice.bare() + "/web", full);
            String table = nodes.get(1).ctl().run("sessions").stdout();
            assertTrue(table.lines().anyMatch(l -> l.startsWith(full + "\t") && l.contains("\tbosh\t")),
                    "the session is in the cluster's table:\n" + table);

            try (Inbox atBob = Inbox.messages(tcp, FromMatchesFilter.createFull(JidCreate.from(full)))) {
                for (int i = 0; i < COUNT; i++) {
                    bosh.send(Xml.chat(tcp.getUser().toString(), "m" + i, "bosh " + i));
                }
                for (int i = 0; i < COUNT; i++) {
                    Message m = atBob.nextMessage("message " + i + " from the BOSH user");
                    assertEquals("bosh " + i, m.getBody(), "XEP-0124 §14 and RFC 6120 §10.1: in rid order");
                }
            }
            // Each message answers the request held at that moment, on A or on B (the long poll).
            for (int i = 0; i < COUNT; i++) {
                Chat.send(tcp, JidCreate.from(full), "tcp " + i);
            }
            for (int i = 0; i < COUNT; i++) {
                Element m = bosh.expect(Xml.CLIENT, "message");
                assertEquals(tcp.getUser().toString(), m.attribute("from"));
                assertEquals("tcp " + i, m.child("body").orElseThrow().text(), "in the order sent");
            }
        }
    }

    @Test
    void aSidNoNodeHoldsIsItemNotFoundOnEitherNode() {
        URI a = Https.boshHttps(nodes.get(0));
        URI b = Https.boshHttps(nodes.get(1));
        String sidOfA;
        try (BoshClient bosh = new BoshClient(a)) {
            sidOfA = bosh.create(nodes.get(0).domain(), 10, 1).attribute("sid");
        }
        // A's prefix with a session that does not exist: B asks A, which does not know it
        String unknownOfA = sidOfA.substring(0, sidOfA.indexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAA";
        for (URI node : List.of(a, b)) {
            for (String sid : List.of(unknownOfA, "no-such-session", "zzzzzzzz.AAAAAAAAAAAAAAAAAAAAAA")) {
                BoshClient client = new BoshClient(node);
                var response = client.post(BoshClient.body("rid='10' sid='" + sid + "'", ""));
                assertEquals(200, response.statusCode(), "XEP-0124 §17: a terminal binding condition is HTTP 200");
                Element body = Xml.parse(response.body());
                assertEquals("terminate", body.attribute("type"), sid + " at " + node + ": " + response.body());
                assertEquals("item-not-found", body.attribute("condition"), sid + " at " + node + ": " + response.body());
            }
        }
    }

    @Test
    void theSessionEndsOnItsNodeWhenTerminatedThroughTheOther() {
        URI a = Https.boshHttps(nodes.get(0));
        URI b = Https.boshHttps(nodes.get(1));
        BoshClient creator = new BoshClient(a);
        Element created = creator.create(nodes.get(0).domain(), 10, 1);
        String sid = created.attribute("sid");
        assertNotEquals(null, sid);
        BoshClient viaB = new BoshClient(b);
        long rid = creator.nextRid();
        var terminated = viaB.post(BoshClient.body("rid='" + rid + "' sid='" + sid + "' type='terminate'", ""));
        assertEquals("terminate", Xml.parse(terminated.body()).attribute("type"), "§13 through B: " + terminated.body());
        assertEquals(null, Xml.parse(terminated.body()).attribute("condition"), "a clean end: " + terminated.body());
        var after = creator.post(BoshClient.body("rid='" + (rid + 1) + "' sid='" + sid + "'", ""));
        assertEquals("item-not-found", Xml.parse(after.body()).attribute("condition"),
                "A no longer holds the session: " + after.body());
    }
}

package im.meerkat.testsuite.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.ProcessResult;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.ReceivedStream;
import im.meerkat.testsuite.harness.XmlNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * join-cluster and leave-cluster (docs/CLUSTER.md) on a running cluster of two nodes and a
 * third node that runs alone on the same database. The class follows one cluster's life, so
 * its tests run in order: refusals first (nothing changes), then the third node joins and its
 * users chat with the others, then the second node leaves: its TCP clients get
 * {@code <see-other-host/>} naming another node (RFC 6120 §4.9.3.19), the others no longer list
 * it, and it runs alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterManagementIT {

    /** A server reload under the load of a 2-core machine shared with other builds. */
    private static final Duration RESTART = Duration.ofMinutes(3);

    /** Two nodes of one cluster and a third alone, started one after the other. */
    @RegisterExtension
    static final ClusterNodes cluster = new ClusterNodes(3, 1, true);

    @RegisterExtension
    final Clients first = cluster.clients(0);
    @RegisterExtension
    final Clients third = cluster.clients(2);

    /**
     * The admin console is served from the WAR under the API's authentication: 401 without
     * credentials or with a wrong password, 200 with an administrator's.
     */
    @Test
    @Order(0)
    void theAdminConsoleIsForAdministratorsOnly() throws Exception {
        Properties admin = new Properties();
        try (InputStream in = Files.newInputStream(
                cluster.get(0).dir().resolve("meerkatctl.properties"))) {
            admin.load(in);
        }
        String url = admin.getProperty("url");
        String user = admin.getProperty("user");
        String password = admin.getProperty("password");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        for (String path : List.of("/admin", "/admin/", "/admin/console.js")) {
            assertEquals(401, get(http, url + path, null).statusCode(), path);
            assertEquals(401, get(http, url + path, user + ":wrong").statusCode(), path);
        }
        HttpResponse<String> page = get(http, url + "/admin", user + ":" + password);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<title>Meerkat administration</title>"), page.body());
        assertTrue(page.body().contains("console.js"), page.body());
        HttpResponse<String> script = get(http, url + "/admin/console.js", user + ":" + password);
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("/cluster/leave"), "the script calls the API");
    }

    private static HttpResponse<String> get(HttpClient http, String url, String credentials)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void badArgumentsAreRefusedWithAClearMessageAndChangeNothing() {
        String a = cluster.name(0);
        String b = cluster.name(1);
        assertRefused(cluster.get(0).ctl().run("join-cluster", a, "-f"),
                a + " is this node: a node cannot join itself");
        assertRefused(cluster.get(1).ctl().run("join-cluster", a, "-f"),
                b + " is already in the cluster of " + a);
        assertRefused(cluster.get(2).ctl().run("join-cluster", "node499", "-f"),
                "unknown node node499");
        assertRefused(cluster.get(2).ctl().run("leave-cluster", "-f"),
                cluster.name(2) + " is not in a cluster with other nodes");
        assertRefused(cluster.get(0).ctl().run("remove-from-cluster", b),
                b + " is a running member of the cluster");
        assertRefused(cluster.get(0).ctl().run("remove-from-cluster", "node499"),
                "no node node499 in the cluster");
        // Without -f and without an answer on the terminal (the suite's stdin is empty)
        ProcessResult unconfirmed = cluster.get(2).ctl().run("join-cluster", a);
        assertRefused(unconfirmed, "aborted; nothing changed");
        assertTrue(unconfirmed.stderr().contains("disconnects its 0 client sessions"),
                unconfirmed.stderr());

        assertEquals(List.of(a, b), cluster.get(0).admin().clusterNodes());
        assertEquals(List.of(cluster.name(2)), cluster.get(2).admin().clusterNodes());
        for (int i = 0; i < 3; i++) {
            assertFalse(Files.exists(cluster.get(i).dir().resolve("cluster.properties")),
                    "no cluster settings saved on " + cluster.name(i));
        }
    }

    @Test
    @Order(2)
    void aNodeStartedAloneJoinsWithJoinClusterAndItsUsersChatWithTheOthers() {
        String a = cluster.name(0);
        String c = cluster.name(2);
        ProcessResult joined = cluster.get(2).ctl().run("join-cluster", a, "-f");
        assertEquals(0, joined.exitCode(), joined.describe());
        assertTrue(joined.stdout().contains(c + " is joining cluster "), joined.stdout());

        Set<String> all = Set.of(a, cluster.name(1), c);
        awaitMembers(0, all);
        awaitMembers(2, all);
        assertTrue(Files.exists(cluster.get(2).dir().resolve("cluster.properties")));

        Account alice = first.newAccount("alice");
        Account bob = first.newAccount("bob");
        XMPPTCPConnection onJoined = connectWhenServing(() -> third.connect(alice, "joined"));
        XMPPTCPConnection onFirst = first.connect(bob, "first");
        Chat.assertChatting(onJoined, onFirst);
    }

    @Test
    @Order(3)
    void leaveClusterSendsTcpClientsToAnotherNodeAndTheNodeRunsAlone() throws Exception {
        MeerkatNode leaving = cluster.get(1);
        String b = cluster.name(1);
        Account carol = first.newAccount("carol");
        try (RawXmppClient bound = RawXmppClient.connect(leaving.config().c2sPort());
                RawXmppClient fresh = RawXmppClient.connect(leaving.config().c2sPort())) {
            String jid = bound.login(leaving.domain(), leaving.tls().sslContext(), carol.user(),
                    carol.password(), "leaving");
            fresh.openStream(leaving.domain());
            fresh.awaitFeatures();
            Await.until("carol's session on " + b + " in the table of " + cluster.name(0),
                    () -> cluster.get(0).admin().sessionJids().contains(jid),
                    () -> cluster.get(0).admin().sessionJids());

            ProcessResult left = leaving.ctl().run("leave-cluster", "-f");
            assertEquals(0, left.exitCode(), left.describe());
            assertTrue(left.stdout().startsWith(b + " left cluster "), left.stdout());

            // RFC 6120 §4.9.3.19: the host to reconnect to, here another node's c2s address
            Set<String> others = Set.of("127.0.0.1:" + cluster.get(0).config().c2sPort(),
                    "127.0.0.1:" + cluster.get(2).config().c2sPort());
            for (RawXmppClient client : List.of(bound, fresh)) {
                assertEquals("see-other-host", client.awaitStreamError(RESTART), client.text());
                String host = client.received().find(ReceivedStream.STREAMS_NS, "error")
                        .flatMap(e -> e.child(ReceivedStream.STREAM_ERRORS_NS, "see-other-host"))
                        .map(XmlNode::text).orElse("");
                assertTrue(others.contains(host), host + " is one of " + others);
                assertTrue(left.stdout().contains("its clients were sent to " + host),
                        left.stdout());
            }
            Await.until("carol's session gone from the table of " + cluster.name(0), RESTART,
                    () -> !cluster.get(0).admin().sessionJids().contains(jid),
                    () -> cluster.get(0).admin().sessionJids());
        }
        Set<String> remaining = Set.of(cluster.name(0), cluster.name(2));
        awaitMembers(0, remaining);
        awaitMembers(2, remaining);
        awaitMembers(1, Set.of(b));
        ProcessResult alone = leaving.ctl().run("cluster-status");
        assertEquals(0, alone.exitCode(), alone.describe());
        assertEquals(1, alone.stdout().lines().count(), alone.stdout());
        assertTrue(alone.stdout().startsWith(b + "\t"), alone.stdout());
        String others = cluster.get(0).ctl().run("cluster-status").stdout();
        assertFalse(others.contains(b + "\t"), others);
    }

    private static void assertRefused(ProcessResult result, String message) {
        assertEquals(1, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains(message), "'" + message + "' in " + result.stderr());
    }

    private static void awaitMembers(int index, Set<String> members) {
        Await.until(cluster.name(index) + " listing the members " + members, RESTART,
                () -> Set.copyOf(cluster.get(index).admin().clusterNodes()).equals(members)
                        && cluster.get(index).admin().clusterNodes().size() == members.size(),
                () -> cluster.get(index).admin().clusterNodes());
    }

    /** The interval between two connection attempts. */
    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Connects once the node, restarted by a reload, serves XMPP again. */
    private static XMPPTCPConnection connectWhenServing(Supplier<XMPPTCPConnection> connect) {
        long deadline = System.nanoTime() + RESTART.toNanos();
        while (true) {
            try {
                return connect.get();
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }
}

package im.meerkat.testsuite.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Suite;
import im.meerkat.testsuite.web.ConsolePage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin console ({@code /admin/}, docs/CLUSTER.md) in a real browser, on a cluster of two
 * nodes and a third node alone: headless Chromium logs in with HTTP Basic authentication as the
 * node's administrator, and the page lists both members with the sessions the test opened on
 * each; its buttons ask for confirmation before they change anything; a forced removal purges a
 * node's session records; a node killed with SIGKILL leaves the page; the node alone joins the
 * cluster with the settings a member's page offers. Other users get 401 or 403. The API's own
 * answers ({@code GET /api/cluster}, {@code GET /api/sessions}) are checked to agree with the
 * page. The tests follow one cluster's life, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleIT {

    /** Failure detection and cleanup after SIGKILL (docs/CLUSTER.md), and a page refresh. */
    private static final Duration GONE = Duration.ofSeconds(30);

    /** A server reload under the load of a 2-core machine shared with other builds. */
    private static final Duration RESTART = Duration.ofMinutes(3);

    /** Two members, and a third node with a cluster name of its own until it joins them. */
    @RegisterExtension
    static final ClusterNodes cluster = new ClusterNodes(3, 1, false);

    @RegisterExtension
    final Clients first = cluster.clients(0);
    @RegisterExtension
    final Clients second = cluster.clients(1);

    private static ConsolePage page;
    private static Properties admin;

    @BeforeAll
    static void openBrowser() throws IOException {
        admin = adminOf(0);
        page = ConsolePage.start();
    }

    /** The URL and administrator of a node, as bin/meerkatctl finds them. */
    private static Properties adminOf(int node) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(
                cluster.get(node).dir().resolve("meerkatctl.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (page != null) {
            page.close();
        }
    }

    private static String consoleUrl() {
        return admin.getProperty("url") + "/admin/";
    }

    @Test
    @Order(1)
    void onlyAnAdministratorGetsThePage() throws Exception {
        assertEquals(401, page.open(consoleUrl(), null, null), "no credentials");
        assertEquals(401, page.open(consoleUrl(), admin.getProperty("user"), "wrong"),
                "a wrong password");
        // An application user of the realm without the role meerkat-admin (docs/ADMIN.md)
        String password = "Viewer-" + ProcessHandle.current().pid();
        addUserWithoutRole("viewer", password);
        assertEquals(403, page.open(consoleUrl(), "viewer", password), "a user without the role");
        assertEquals(200, page.open(consoleUrl(), admin.getProperty("user"),
                admin.getProperty("password")), "the administrator");
    }

    @Test
    @Order(2)
    void thePageListsEveryNodeWithTheSessionsItHolds() throws Exception {
        String a = cluster.name(0);
        String b = cluster.name(1);
        Account alice = first.newAccount("alice");
        Account bob = first.newAccount("bob");
        first.connect(alice, "one");
        first.connect(alice, "two");
        second.connect(bob, "desk");
        openAsAdministrator();

        ConsolePage.Table table = awaitTable("both nodes with 2 and 1 sessions",
                t -> t.names().equals(List.of(a, b))
                        && t.row(a).get().sessions().equals("2")
                        && t.row(b).get().sessions().equals("1"));
        ConsolePage.Row own = table.row(a).get();
        assertEquals("127.0.0.1:" + cluster.get(0).config().c2sPort(), own.address());
        assertTrue(own.state().startsWith("running") && own.state().contains("this node"),
                own.state());
        assertEquals(List.of("Leave cluster"), own.buttons());
        ConsolePage.Row other = table.row(b).get();
        assertEquals("127.0.0.1:" + cluster.get(1).config().c2sPort(), other.address());
        assertEquals("running", other.state());
        assertEquals(List.of("Remove from cluster"), other.buttons());
        assertEquals("2", table.users(), "distinct accounts online");
        assertEquals("3", table.sessions());
        assertEquals("2", table.nodes());
        assertEquals(Map.of(a, 2, b, 1), cluster.get(0).admin().clusterSessions(),
                "GET /api/cluster agrees");
    }

    @Test
    @Order(3)
    void leavingAsksForConfirmationAndADismissalChangesNothing() throws Exception {
        String a = cluster.name(0);
        openAsAdministrator();
        ConsolePage.Click click = page.click(a, "Leave cluster", List.of(false), false);
        assertEquals(1, click.dialogs().size(), click.toString());
        ConsolePage.Dialog dialog = click.dialogs().get(0);
        assertEquals("confirm", dialog.type());
        assertTrue(dialog.text().startsWith(a + " leaves cluster ")
                && dialog.text().endsWith("Continue?"), dialog.text());
        assertEquals("", click.message());
        assertEquals(List.of(a, cluster.name(1)), cluster.get(0).admin().clusterNodes());
        assertEquals(List.of(a, cluster.name(1)), cluster.get(1).admin().clusterNodes());
    }

    @Test
    @Order(4)
    void removingARunningNodeIsRefusedUnlessForcedThenItsSessionsArePurged() throws Exception {
        String b = cluster.name(1);
        Account carol = first.newAccount("carol");
        second.connect(carol, "held");
        String held = carol.bare() + "/held";
        // carol's session alone on the second node: the sessions of the earlier test are closed
        Await.until(held + " alone on " + b, () -> cluster.get(0).admin().sessionJids()
                .contains(held) && cluster.get(0).admin().clusterSessions().get(b) == 1,
                () -> cluster.get(0).admin().clusterSessions());
        openAsAdministrator();

        ConsolePage.Click refused = page.click(b, "Remove from cluster", List.of(true, false),
                true);
        assertEquals(2, refused.dialogs().size(), refused.toString());
        assertEquals("Remove the session records of " + b + " from the cluster?",
                refused.dialogs().get(0).text());
        assertTrue(refused.dialogs().get(1).text().startsWith(
                b + " is a running member of the cluster"), refused.dialogs().get(1).text());
        assertTrue(refused.dialogs().get(1).text().contains("Force the removal?"));
        assertTrue(refused.message().startsWith(b + " is a running member"), refused.message());
        assertTrue(cluster.get(0).admin().sessionJids().contains(held), "nothing was removed");

        ConsolePage.Click forced = page.click(b, "Remove from cluster", List.of(true, true), true);
        assertEquals(2, forced.dialogs().size(), forced.toString());
        assertEquals("Removed 1 session records of " + b + ".", forced.message());
        ConsolePage.Table table = awaitTable(b + " with no sessions",
                t -> t.row(b).map(r -> r.sessions().equals("0")).orElse(false));
        assertEquals("0", table.sessions());
        for (int i = 0; i < 2; i++) {
            assertFalse(cluster.get(i).admin().sessionJids().contains(held),
                    "purged on " + cluster.name(i));
            assertEquals(0, cluster.get(i).admin().clusterSessions().get(b));
        }
    }

    @Test
    @Order(5)
    void aKilledNodeLeavesTheViewAndStaysListedUntilRemoved() throws Exception {
        String a = cluster.name(0);
        String b = cluster.name(1);
        Account dave = first.newAccount("dave");
        first.connect(dave, "stays");
        second.connect(dave, "dies");
        String dying = dave.bare() + "/dies";
        openAsAdministrator();
        awaitTable(b + " with dave's session", t -> t.row(b).map(r -> r.sessions().equals("1"))
                .orElse(false));

        cluster.kill(1);
        // The survivor removes the records of a node outside the view by itself (invariant 6);
        // the database keeps the killed node's row, so the page still lists it, outside the view
        ConsolePage.Table table = awaitTable(b + " outside the view", t -> t.row(b)
                .map(r -> r.state().startsWith("not ") && r.sessions().equals("0")).orElse(false));
        ConsolePage.Row killed = table.row(b).get();
        assertEquals("127.0.0.1:" + cluster.get(1).config().c2sPort(), killed.address());
        assertTrue(killed.state().contains("(last seen "), killed.state());
        assertEquals(List.of("Remove from cluster"), killed.buttons());
        assertEquals("1", table.sessions());
        assertEquals("1", table.nodes(), "running nodes");
        assertEquals(Map.of(a, 1, b, 0), cluster.get(0).admin().clusterSessions(),
                "GET /api/cluster: the running node and the absent one");
        assertFalse(cluster.get(0).admin().sessionJids().contains(dying));

        ConsolePage.Click removed = page.click(b, "Remove from cluster", List.of(true), true);
        assertEquals(1, removed.dialogs().size(), "not running: no second dialog; " + removed);
        assertEquals("Removed 0 session records of " + b + ".", removed.message());
        awaitTable(b + " gone", t -> t.names().equals(List.of(a)));
        assertEquals(Map.of(a, 1), cluster.get(0).admin().clusterSessions());
    }

    @Test
    @Order(6)
    void aNodeAloneJoinsTheClusterWithTheSettingsAMembersPageOffers() throws Exception {
        String a = cluster.name(0);
        String c = cluster.name(2);
        openAsAdministrator();
        String settings = page.settings();
        assertTrue(settings.contains("\"node\":\"" + a + "\""), settings);
        Properties third = adminOf(2);
        assertEquals(200, page.open(third.getProperty("url") + "/admin/", third.getProperty("user"),
                third.getProperty("password")));
        assertEquals(List.of(c), cluster.get(2).admin().clusterNodes(), "alone at first");

        ConsolePage.Click garbled = page.join("node1, please", List.of(), true);
        assertEquals(List.of(), garbled.dialogs(), "nothing to confirm");
        assertTrue(garbled.message().startsWith("Paste the settings exactly as the console of a member"),
                garbled.message());
        ConsolePage.Click itself = page.join(page.settings(), List.of(), true);
        assertEquals(List.of(), itself.dialogs(), "refused by the dry run: " + itself);
        assertTrue(itself.message().startsWith(c + " is this node"), itself.message());
        ConsolePage.Click dismissed = page.join(settings, List.of(false), false);
        assertEquals(1, dismissed.dialogs().size(), dismissed.toString());
        assertEquals("", dismissed.message());
        assertEquals(List.of(c), cluster.get(2).admin().clusterNodes(), "nothing changed");

        ConsolePage.Click joined = page.join(settings, List.of(true), true);
        assertEquals(1, joined.dialogs().size(), joined.toString());
        String question = joined.dialogs().get(0).text();
        assertTrue(question.startsWith(c + " leaves cluster ") && question.contains(" of " + a + ".")
                && question.endsWith("Continue?"), question);
        assertTrue(joined.message().startsWith(c + " is joining cluster "), joined.message());
        Await.until(c + " in the view of " + a, RESTART,
                () -> Set.copyOf(cluster.get(0).admin().clusterNodes()).equals(Set.of(a, c)),
                () -> cluster.get(0).admin().clusterNodes());
        Await.until(a + " in the view of " + c, RESTART,
                () -> Set.copyOf(cluster.get(2).admin().clusterNodes()).equals(Set.of(a, c)),
                () -> cluster.get(2).admin().clusterNodes());
    }

    private static void openAsAdministrator() throws InterruptedException {
        assertEquals(200, page.open(consoleUrl(), admin.getProperty("user"),
                admin.getProperty("password")));
    }

    /** Refreshes the page until it shows what {@code expected} accepts. */
    private static ConsolePage.Table awaitTable(String what, Predicate<ConsolePage.Table> expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + GONE.toNanos();
        while (true) {
            ConsolePage.Table table = page.table();
            if (expected.test(table)) {
                return table;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page never showed " + what + ": " + table);
            }
            Thread.sleep(250); // between two refreshes
        }
    }

    private static void addUserWithoutRole(String user, String password) throws Exception {
        Path server = Suite.home().resolve("wildfly-config/target/wildfly");
        Path configuration = cluster.get(0).dir().resolve("configuration");
        ProcessBuilder builder = new ProcessBuilder(server.resolve("bin/add-user.sh").toString(),
                "-a", "-s", "-u", user, "-p", password, "-sc", configuration.toString())
                .redirectErrorStream(true);
        builder.environment().put("JBOSS_HOME", server.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "add-user.sh ended");
        assertEquals(0, process.exitValue(), output);
    }
}

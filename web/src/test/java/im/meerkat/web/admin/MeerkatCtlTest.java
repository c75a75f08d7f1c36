package im.meerkat.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/meerkatctl} (docs/ADMIN.md) against a stub server: the requests each command sends,
 * what it prints, and its exit codes (0 done, 1 refused, 2 usage, 3 not running, 4 auth,
 * 5 server failure). Passwords never appear in its output.
 */
class MeerkatCtlTest {

    private static final String PASSWORD = "Adm1n-p\"ss";

    @TempDir
    Path home;

    private StubServer server;

    @BeforeEach
    void start() throws IOException {
        server = new StubServer();
        Ctl.writeNode(home, 1, server.url(), "admin", PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Ctl.Result ctl(String... args) {
        Ctl.Result result = Ctl.run(Map.of(), home, args);
        assertFalse(result.out().contains(PASSWORD) || result.err().contains(PASSWORD),
                "printed the password: " + result);
        return result;
    }

    @Test
    void helpListsEveryCommandWithEjabberdctlArgumentOrder() {
        Ctl.Result result = ctl("help");
        assertEquals(0, result.exit(), result.toString());
        for (String line : new String[] {"register USER DOMAIN PASSWORD", "unregister USER DOMAIN",
                "passwd USER DOMAIN PASSWORD", "change_password", "users DOMAIN",
                "registered_users", "sessions", "kick JID [REASON...]", "--node N"}) {
            assertTrue(result.out().contains(line), line + " missing from\n" + result.out());
        }
        assertTrue(server.requests.isEmpty());
    }

    @Test
    void badUsagePrintsUsageAndExits2() {
        Ctl.Result none = ctl();
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no command given"), none.err());
        assertTrue(none.err().contains("Usage: meerkatctl [--node N] COMMAND"), none.err());

        Ctl.Result unknown = ctl("frobnicate");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown command 'frobnicate'"), unknown.err());

        Ctl.Result arity = ctl("register", "alice", "localhost");
        assertEquals(2, arity.exit());
        assertTrue(arity.err().contains("wrong number of arguments for register (expected 3, got 2)"),
                arity.err());
        assertTrue(arity.err().contains("Usage: meerkatctl [--node N] register USER DOMAIN PASSWORD"),
                arity.err());

        assertEquals(2, ctl("--node", "zero", "sessions").exit());
        assertEquals(2, ctl("--node", "0", "sessions").exit());
        assertEquals(2, ctl("--node").exit());
        assertEquals(2, ctl("--verbose", "sessions").exit());
        assertTrue(server.requests.isEmpty(), "a bad command line must not reach the server");
    }

    @Test
    void registerPostsTheAccountWithBasicAuthentication() {
        server.answer(201, "application/json",
                "{\"jid\":\"alice@localhost\",\"user\":\"alice\",\"domain\":\"localhost\"}");
        Ctl.Result result = ctl("register", "alice", "localhost", "pa\"ss\\word");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("registered alice@localhost\n", result.out());

        StubServer.Request request = server.last();
        assertEquals("POST", request.method());
        assertEquals("/api/users/localhost", request.target());
        assertEquals("application/json", request.headers().getFirst("Content-Type"));
        assertEquals("{\"user\":\"alice\",\"password\":\"pa\\\"ss\\\\word\"}", request.body());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                request.headers().getFirst("Authorization"));
    }

    @Test
    void aRefusalPrintsTheServersMessageAndExits1() {
        server.answer(409, "application/json",
                "{\"error\":\"conflict\",\"message\":\"user alice@localhost already exists\"}");
        Ctl.Result conflict = ctl("register", "alice", "localhost", "x");
        assertEquals(1, conflict.exit());
        assertEquals("meerkatctl: user alice@localhost already exists\n", conflict.err());

        server.answer(404, "application/json",
                "{\"error\":\"not-found\",\"message\":\"no user bob@localhost\"}");
        Ctl.Result notFound = ctl("unregister", "bob", "localhost");
        assertEquals(1, notFound.exit());
        assertEquals("meerkatctl: no user bob@localhost\n", notFound.err());
        assertEquals("DELETE /api/users/localhost/bob",
                server.last().method() + " " + server.last().target());

        server.answer(400, "application/json",
                "{\"error\":\"invalid-argument\",\"message\":\"the password is empty\"}");
        Ctl.Result invalid = ctl("passwd", "bob", "localhost", "");
        assertEquals(1, invalid.exit());
        assertEquals("meerkatctl: the password is empty\n", invalid.err());
        assertEquals("", invalid.out());
    }

    @Test
    void passwdAndItsEjabberdctlAliasPutTheNewPassword() {
        server.answer(204, null, "");
        for (String command : new String[] {"passwd", "change_password"}) {
            Ctl.Result result = ctl(command, "zoë", "localhost", "n3w");
            assertEquals(0, result.exit(), result.toString());
            assertEquals("changed the password of zoë@localhost\n", result.out());
            assertEquals("PUT /api/users/localhost/zo%C3%AB/password",
                    server.last().method() + " " + server.last().target());
            assertEquals("{\"password\":\"n3w\"}", server.last().body());
        }
    }

    @Test
    void usersPrintsOneUsernamePerLine() {
        server.answer(200, "application/json",
                "{\"domain\":\"localhost\",\"users\":[\"alice\",\"bob\",\"zo\\u00eb\"]}");
        for (String command : new String[] {"users", "registered_users"}) {
            Ctl.Result result = ctl(command, "localhost");
            assertEquals(0, result.exit(), result.toString());
            assertEquals("alice\nbob\nzoë\n", result.out());
            assertEquals("GET /api/users/localhost",
                    server.last().method() + " " + server.last().target());
        }
    }

    @Test
    void sessionsPrintsOneTabSeparatedLinePerSession() {
        server.answer(200, "application/json", "{\"sessions\":["
                + "{\"jid\":\"alice@localhost/phone\",\"node\":\"node1\",\"transport\":\"tcp\","
                + "\"address\":\"127.0.0.1:50412\",\"since\":\"2025-03-01T10:15:30Z\","
                + "\"priority\":5,\"available\":true},"
                + "{\"jid\":\"bob@localhost/web\",\"node\":\"node2\",\"transport\":\"bosh\","
                + "\"since\":\"2025-03-01T11:00:00Z\",\"priority\":0,\"available\":false}]}");
        Ctl.Result result = ctl("sessions");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("alice@localhost/phone\tnode1\ttcp\t127.0.0.1:50412\t2025-03-01T10:15:30Z\n"
                + "bob@localhost/web\tnode2\tbosh\t-\t2025-03-01T11:00:00Z\n", result.out());

        server.answer(200, "application/json", "{\"sessions\":[]}");
        assertEquals("", ctl("sessions").out());
    }

    @Test
    void clusterStatusPrintsOneLinePerNodeWithItsUptime() {
        server.answer(200, "application/json", "{\"nodes\":["
                + "{\"name\":\"node1\",\"address\":\"127.0.0.1:5222\",\"sessions\":12,"
                + "\"uptime\":7390,\"local\":true,\"coordinator\":true},"
                + "{\"name\":\"node2\",\"address\":\"?\",\"sessions\":0,"
                + "\"uptime\":-1,\"local\":false,\"coordinator\":false}]}");
        Ctl.Result result = ctl("cluster-status");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("node1\t127.0.0.1:5222\t12 sessions\tup 2h03m10s\t(this node, coordinator)\n"
                + "node2\t?\t0 sessions\tup ?\n", result.out());
        assertEquals("GET /api/cluster", server.last().method() + " " + server.last().target());
    }

    @Test
    void removeFromClusterSendsForceOnlyWithDashF() {
        server.answer(200, "application/json", "{\"node\":\"node4\",\"removed\":3}");
        Ctl.Result result = ctl("remove-from-cluster", "node4");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("removed 3 session records of node4\n", result.out());
        assertEquals("DELETE /api/cluster/nodes/node4",
                server.last().method() + " " + server.last().target());

        server.answer(200, "application/json", "{\"node\":\"node2\",\"removed\":0}");
        assertEquals(0, ctl("remove-from-cluster", "node2", "-f").exit());
        assertEquals("/api/cluster/nodes/node2?force=true", server.last().target());

        server.answer(409, "application/json", "{\"error\":\"conflict\","
                + "\"message\":\"node2 is a running member of the cluster\"}");
        Ctl.Result refused = ctl("remove-from-cluster", "node2");
        assertEquals(1, refused.exit());
        assertEquals("meerkatctl: node2 is a running member of the cluster\n", refused.err());

        assertEquals(2, ctl("remove-from-cluster", "node2", "--now").exit());
    }

    @Test
    void kickSendsTheJidAsThePathAndTheReasonAsAQuery() {
        server.answer(200, "application/json", "{\"jid\":\"alice@localhost/my phone\",\"ended\":1}");
        Ctl.Result result = ctl("kick", "alice@localhost/my phone", "going", "down");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("kicked alice@localhost/my phone (1 session)\n", result.out());
        assertEquals("DELETE /api/sessions/alice@localhost/my%20phone?reason=going%20down",
                server.last().method() + " " + server.last().target());

        server.answer(200, "application/json", "{\"jid\":\"alice@localhost\",\"ended\":3}");
        assertEquals("kicked alice@localhost (3 sessions)\n", ctl("kick", "alice@localhost").out());
        assertEquals("/api/sessions/alice@localhost", server.last().target());
    }

    @Test
    void aRefusedPasswordSaysAuthenticationFailedAndExits4() {
        server.answer(401, "text/html", "<html><body>Unauthorized</body></html>");
        Ctl.Result result = ctl("users", "localhost");
        assertEquals(4, result.exit());
        assertTrue(result.err().contains("authentication failed for user 'admin' at "
                + server.url()), result.err());
        assertTrue(result.err().contains(home.resolve("var/node1/meerkatctl.properties").toString()),
                "names where the credentials came from: " + result.err());
    }

    @Test
    void aUserWithoutTheAdminRoleIsToldSoAndExits4() {
        server.answer(403, "text/html", "<html><body>Forbidden</body></html>");
        Ctl.Result result = ctl("sessions");
        assertEquals(4, result.exit());
        assertTrue(result.err().contains("user 'admin' is not an administrator"), result.err());
        assertTrue(result.err().contains("meerkat-admin"), result.err());
    }

    @Test
    void aServerFailureExits5WithItsMessage() {
        server.answer(500, "application/json",
                "{\"error\":\"internal-error\",\"message\":\"the server failed; reference 42\"}");
        Ctl.Result failed = ctl("sessions");
        assertEquals(5, failed.exit());
        assertTrue(failed.err().contains("the server failed; reference 42"), failed.err());

        server.answer(404, "text/html", "<html><body>Not Found</body></html>");
        Ctl.Result noApi = ctl("sessions");
        assertEquals(5, noApi.exit());
        assertTrue(noApi.err().contains("HTTP 404 (is Meerkat deployed there?"), noApi.err());
    }

    @Test
    void aNodeThatDoesNotAnswerIsNotRunningAndExits3() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        Ctl.writeNode(home, 2, "http://127.0.0.1:" + port, "admin", PASSWORD);
        Ctl.Result result = ctl("--node", "2", "sessions");
        assertEquals(3, result.exit());
        assertEquals("meerkatctl: node 2 is not running (no answer at http://127.0.0.1:" + port
                + ")\n", result.err());
    }

    @Test
    void aNodeThatWasNeverSetUpExits3AndSaysHowToSetItUp() {
        Ctl.Result result = ctl("--node=4", "sessions");
        assertEquals(3, result.exit());
        assertTrue(result.err().contains("node 4 is not set up: "
                + home.resolve("var/node4/meerkatctl.properties") + " does not exist"),
                result.err());
        assertTrue(result.err().contains("MEERKAT_ADMIN_URL"), result.err());
    }

    @Test
    void theEnvironmentOverridesTheNodeFile() {
        server.answer(200, "application/json", "{\"domains\":[\"localhost\"]}");
        Path elsewhere = home.resolve("no-such-dir");
        Ctl.Result result = Ctl.run(Map.of("MEERKAT_ADMIN_URL", server.url() + "/",
                "MEERKAT_ADMIN_USER", "ops", "MEERKAT_ADMIN_PASSWORD", "ops-secret"),
                elsewhere, "domains");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("localhost\n", result.out());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                "ops:ops-secret".getBytes(StandardCharsets.UTF_8)),
                server.last().headers().getFirst("Authorization"));

        Ctl.Result passwordOnly = Ctl.run(Map.of("MEERKAT_ADMIN_PASSWORD", "other"), home,
                "domains");
        assertEquals(0, passwordOnly.exit(), passwordOnly.toString());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                "admin:other".getBytes(StandardCharsets.UTF_8)),
                server.last().headers().getFirst("Authorization"));
    }

    @Test
    void meerkatVarMovesTheNodeDirectories(@TempDir Path var) throws IOException {
        server.answer(200, "application/json", "{\"domains\":[\"example.org\"]}");
        Ctl.writeNode(var, 3, server.url(), "admin", "x");
        Ctl.Result fromVar = Ctl.run(Map.of("MEERKAT_VAR", var.resolve("var").toString()), home,
                "--node", "3", "domains");
        assertEquals(0, fromVar.exit(), fromVar.toString());
        assertEquals("example.org\n", fromVar.out());
    }

    @Test
    void aNodeFileWithoutAPasswordIsAConfigurationError() throws IOException {
        Ctl.writeNode(home, 1, server.url(), "admin", "");
        Ctl.Result result = ctl("sessions");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("no administrator password"), result.err());
        assertTrue(server.requests.isEmpty());
    }
}

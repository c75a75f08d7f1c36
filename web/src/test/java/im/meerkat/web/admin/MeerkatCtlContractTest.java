package im.meerkat.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import im.meerkat.server.admin.SessionSummary;

/**
 * {@code bin/meerkatctl} against the real admin API resources (over HTTP, with a fake service
 * behind them): every command docs/ADMIN.md lists does what it says, and the API's refusals reach the
 * user as the server worded them.
 */
class MeerkatCtlContractTest {

    @TempDir
    Path home;

    private FakeAdminService admin;
    private HttpBridge bridge;

    @BeforeEach
    void start() throws Exception {
        admin = new FakeAdminService("localhost");
        admin.registerUser("bob", "localhost", "bob-secret");
        bridge = new ApiHarness(admin).serve();
        Ctl.writeNode(home, 1, bridge.url(), "admin", "admin-secret");
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    private Ctl.Result ctl(String... args) {
        return Ctl.run(Map.of(), home, args);
    }

    @Test
    void registerListChangePasswordAndUnregister() {
        Ctl.Result registered = ctl("register", "alice", "localhost", "pässword with spaces");
        assertEquals(0, registered.exit(), registered.toString());
        assertEquals("registered alice@localhost\n", registered.out());
        assertEquals("pässword with spaces", admin.password("alice", "localhost"));

        assertEquals("alice\nbob\n", ctl("users", "localhost").out());

        assertEquals(0, ctl("passwd", "alice", "localhost", "n3w\"one").exit());
        assertEquals("n3w\"one", admin.password("alice", "localhost"));

        Ctl.Result unregistered = ctl("unregister", "alice", "localhost");
        assertEquals(0, unregistered.exit(), unregistered.toString());
        assertNull(admin.password("alice", "localhost"));
        assertEquals("bob\n", ctl("registered_users", "localhost").out());
    }

    @Test
    void refusalsReachTheUserWithTheServersWording() {
        Ctl.Result conflict = ctl("register", "bob", "localhost", "x");
        assertEquals(1, conflict.exit());
        assertEquals("meerkatctl: user bob@localhost already exists\n", conflict.err());

        Ctl.Result notFound = ctl("unregister", "nobody", "localhost");
        assertEquals(1, notFound.exit());
        assertEquals("meerkatctl: no user nobody@localhost\n", notFound.err());

        Ctl.Result invalid = ctl("users", "elsewhere.net");
        assertEquals(1, invalid.exit());
        assertEquals("meerkatctl: this server does not serve elsewhere.net\n", invalid.err());

        Ctl.Result emptyPassword = ctl("passwd", "bob", "localhost", "");
        assertEquals(1, emptyPassword.exit());
        assertEquals("meerkatctl: the password is empty\n", emptyPassword.err());
        assertEquals("bob-secret", admin.password("bob", "localhost"));
    }

    @Test
    void sessionsAndKick() {
        Instant since = Instant.parse("2025-03-01T10:15:30Z");
        admin.addSession(new SessionSummary("bob@localhost/desk top", "node1", "tcp",
                "127.0.0.1:50000", since, 0, true));
        admin.addSession(new SessionSummary("bob@localhost/phone/2", "node2", "websocket",
                "[::1]:40000", since, 1, true));

        assertEquals("bob@localhost/desk top\tnode1\ttcp\t127.0.0.1:50000\t2025-03-01T10:15:30Z\n"
                + "bob@localhost/phone/2\tnode2\twebsocket\t[::1]:40000\t2025-03-01T10:15:30Z\n",
                ctl("sessions").out());

        Ctl.Result kicked = ctl("kick", "bob@localhost/desk top", "maintenance", "window");
        assertEquals(0, kicked.exit(), kicked.toString());
        assertEquals(new FakeAdminService.Kick("bob@localhost/desk top", "maintenance window"),
                admin.kicks.get(0));

        assertEquals(0, ctl("kick", "bob@localhost/phone/2").exit());
        assertEquals(new FakeAdminService.Kick("bob@localhost/phone/2",
                SessionsResource.DEFAULT_REASON), admin.kicks.get(1));

        Ctl.Result none = ctl("kick", "bob@localhost");
        assertEquals(1, none.exit());
        assertEquals("meerkatctl: no session of bob@localhost\n", none.err());
        assertEquals(List.of(), admin.listSessions());
    }

    @Test
    void domains() {
        assertEquals("localhost\n", ctl("domains").out());
    }

    @Test
    void theWrapperScriptRunsTheProgramWithTheJdkAlone(@TempDir Path var)
            throws IOException, InterruptedException {
        Ctl.writeNode(var, 5, bridge.url(), "admin", "admin-secret");
        ProcessBuilder builder = new ProcessBuilder(Ctl.BIN.resolve("meerkatctl").toString(),
                "--node", "5", "users", "localhost");
        builder.environment().put("MEERKAT_VAR", var.resolve("var").toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().keySet().removeIf(name -> name.startsWith("MEERKAT_ADMIN_"));
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        assertEquals("bob\n", output);

        Process usage = new ProcessBuilder(Ctl.BIN.resolve("meerkatctl").toString())
                .redirectErrorStream(true).start();
        String usageOutput = new String(usage.getInputStream().readAllBytes());
        assertEquals(2, usage.waitFor(), usageOutput);
    }
}

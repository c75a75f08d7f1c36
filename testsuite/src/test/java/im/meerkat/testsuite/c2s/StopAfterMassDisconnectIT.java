package im.meerkat.testsuite.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.NodeConfig;
import im.meerkat.testsuite.harness.ProcessResult;
import im.meerkat.testsuite.harness.Suite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A clean stop right after many clients dropped at once loses nothing (architecture invariant
 * 9; docs/RUNNING.md, "Stop"): every session that ended, before or during the
 * stop, has its logout recorded as the account's last activity (XEP-0012 §3).
 *
 * <p>{@value #SESSIONS} sessions are logged in by the load tool in a process of its own, which
 * is then killed, and {@code bin/meerkat stop} begins at once. Each logout write is made slow by
 * a trigger in the database ({@value #WRITE_SECONDS} s), so that the session ends the node still
 * has to do outlast the launcher's old 20 s drain and WildFly's 30 s suspension, as 18,000
 * sessions did on a loaded machine (docs/BENCHMARKS.md). Needs PostgreSQL
 * ({@code MEERKAT_TEST_DB=postgres}) for the trigger; its node is the next free number after
 * the shared one.
 */
class StopAfterMassDisconnectIT {

    private static final int SESSIONS = 200;
    private static final double WRITE_SECONDS = 4;
    private static final String PREFIX = "drop-";
    private static MeerkatNode node;
    private static String database;

    @BeforeAll
    static void start() {
        assumeTrue(Suite.postgres(), "needs MEERKAT_TEST_DB=postgres for its slow-write trigger");
        int number = MeerkatNode.freeNumber(Suite.sharedNode() + 1);
        database = "meerkat_stop_it_" + Suite.sharedNode();
        node = MeerkatNode.start(NodeConfig.shared().withNumber(number).withDatabase(database));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void everyLogoutIsRecordedWhenTheNodeStopsRightAfterItsClientsDropped() throws Exception {
        Process load = startLoad();
        try {
            awaitLogins(load);
            slowLogoutWrites();
        } finally {
            load.destroyForcibly(); // every connection drops at once, without </stream>
            assertTrue(load.waitFor(30, TimeUnit.SECONDS), "the load process ended");
        }
        ProcessResult stopped = node.launcherCommand("stop");
        assertEquals(0, stopped.exitCode(), stopped.describe());
        assertFalse(stopped.stderr().contains("killing"), stopped.describe());

        assertEquals(SESSIONS, logouts(), "logouts recorded; " + failures());
        assertEquals(List.of(), failures());
    }

    /** The load tool, in a process of its own: creates the accounts and logs them in. */
    private static Process startLoad() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), "im.meerkat.load.Main", "idle",
                "--node", Integer.toString(node.config().number()),
                "--var", Suite.varDir().toString(), "--domain", node.domain(),
                "--sessions", Integer.toString(SESSIONS), "--prefix", PREFIX,
                "--concurrency", "16", "--hold", "600");
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the load tool's output until it says every session is logged in. */
    private static void awaitLogins(Process load) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(load.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith("logged in ")) {
                assertTrue(line.startsWith("logged in " + SESSIONS + " (failed 0)"), line);
                return;
            }
        }
        throw new AssertionError("the load tool ended before logging in:\n" + seen);
    }

    /** Every write of a logout time waits {@link #WRITE_SECONDS} in the database. */
    private static void slowLogoutWrites() throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("CREATE FUNCTION slow_logout() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN PERFORM pg_sleep(" + WRITE_SECONDS + "); RETURN NEW; END $$");
            sql.execute("CREATE TRIGGER slow_logout BEFORE INSERT OR UPDATE ON"
                    + " meerkat_last_activity FOR EACH ROW EXECUTE FUNCTION slow_logout()");
        }
    }

    private static int logouts() throws SQLException {
        try (Connection db = connect(); Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM meerkat_last_activity"
                        + " WHERE jid LIKE '" + PREFIX + "%'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Logouts the node could not record, from its log. */
    private static List<String> failures() throws IOException {
        try (var lines = Files.lines(node.logFile(), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("could not record the logout")).limit(5).toList();
        }
    }

    private static Connection connect() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        credentials.setProperty("password", "postgres");
        return DriverManager.getConnection(NodeConfig.POSTGRES_URL + database, credentials);
    }
}

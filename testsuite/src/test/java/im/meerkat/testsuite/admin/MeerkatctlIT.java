package im.meerkat.testsuite.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Disconnection;
import im.meerkat.testsuite.harness.Meerkatctl;
import im.meerkat.testsuite.harness.Names;
import im.meerkat.testsuite.harness.ProcessResult;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bin/meerkatctl} against the running node, with the outputs and exit codes of
 * docs/ADMIN.md, and the effect of each command on XMPP clients.
 */
class MeerkatctlIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private Meerkatctl ctl;
    private String domain;

    @BeforeEach
    void setUp() {
        ctl = clients.node().ctl();
        domain = clients.node().domain();
    }

    private ProcessResult ok(String... args) {
        ProcessResult result = ctl.run(args);
        assertEquals(0, result.exitCode(), result.describe());
        return result;
    }

    private static List<String> lines(ProcessResult result) {
        return Arrays.stream(result.stdout().split("\n")).map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
    }

    /** Whether the condition holds within 10 s: the session table may lag the disconnect. */
    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Test
    void registerThenDuplicateIsRefused() {
        String user = Names.unique("carol");
        ProcessResult registered = ok("register", user, domain, Names.password());
        assertEquals("registered " + user + "@" + domain, registered.stdout().strip());

        ProcessResult again = ctl.run("register", user, domain, Names.password());
        assertEquals(1, again.exitCode(), "exit 1: the server refused; " + again.describe());
        assertEquals("meerkatctl: user " + user + "@" + domain + " already exists",
                again.stderr().strip());
    }

    @Test
    void usersListsTheRegisteredUsers() {
        String first = Names.unique("dave");
        String second = Names.unique("erin");
        ok("register", first, domain, Names.password());
        ok("register", second, domain, Names.password());
        List<String> users = lines(ok("users", domain));
        assertTrue(users.contains(first) && users.contains(second), users.toString());
        assertEquals(users.stream().sorted().toList(), users, "sorted, as docs/ADMIN.md says");
    }

    @Test
    void sessionsShowsALoggedInUserAndKickDisconnectsIt() {
        String user = Names.unique("frank");
        String password = Names.password();
        ok("register", user, domain, password);
        XMPPTCPConnection connection = clients.login(user, password).resource("laptop").connect();
        String jid = user + "@" + domain + "/laptop";

        String line = lines(ok("sessions")).stream().filter(l -> l.startsWith(jid + "\t"))
                .findFirst().orElseThrow(() -> new AssertionError(jid + " not in sessions"));
        String[] columns = line.split("\t");
        assertEquals(5, columns.length, "JID, node, transport, address, since: " + line);
        assertEquals("tcp", columns[2], line);
        assertTrue(columns[3].startsWith("127.0.0.1:"), "the client's address: " + line);

        Disconnection disconnection = Disconnection.watch(connection);
        ProcessResult kicked = ok("kick", jid, "Maintenance", "in", "five", "minutes");
        assertEquals("kicked " + jid + " (1 session)", kicked.stdout().strip());
        StreamErrorException error = assertInstanceOf(StreamErrorException.class,
                disconnection.await(), "a stream error ends the kicked session");
        assertEquals(StreamError.Condition.policy_violation,
                error.getStreamError().getCondition());
        assertEquals("Maintenance in five minutes", error.getStreamError().getDescriptiveText());
        assertTrue(eventually(() -> lines(ok("sessions")).stream()
                .noneMatch(l -> l.startsWith(jid + "\t"))), "the kicked session is gone");
    }

    @Test
    void passwdChangesThePassword() throws Exception {
        String user = Names.unique("grace");
        String old = Names.password();
        String fresh = Names.password() + "-new";
        ok("register", user, domain, old);
        ProcessResult changed = ok("passwd", user, domain, fresh);
        assertEquals("changed the password of " + user + "@" + domain, changed.stdout().strip());

        clients.login(user, fresh).mechanism("SCRAM-SHA-256").connect();
        SASLErrorException refused = assertThrows(SASLErrorException.class,
                () -> clients.login(user, old).mechanism("SCRAM-SHA-256").connectOrThrow());
        assertEquals(SASLError.not_authorized, refused.getSASLFailure().getSASLError());
    }

    @Test
    void unregisterEndsSessionsAndLogins() throws Exception {
        String user = Names.unique("heidi");
        String password = Names.password();
        ok("register", user, domain, password);
        XMPPTCPConnection connection = clients.login(user, password).connect();
        Disconnection disconnection = Disconnection.watch(connection);

        ProcessResult removed = ok("unregister", user, domain);
        assertEquals("unregistered " + user + "@" + domain, removed.stdout().strip());
        disconnection.await();
        assertFalse(lines(ok("users", domain)).contains(user));

        SASLErrorException refused = assertThrows(SASLErrorException.class,
                () -> clients.login(user, password).connectOrThrow());
        assertEquals(SASLError.not_authorized, refused.getSASLFailure().getSASLError());

        ProcessResult again = ctl.run("unregister", user, domain);
        assertEquals(1, again.exitCode(), again.describe());
        assertTrue(again.stderr().contains(user + "@" + domain), again.stderr());
    }

    @Test
    void wrongUsageIsExitTwo() {
        ProcessResult result = ctl.run("users");
        assertEquals(2, result.exitCode(), result.describe());
        assertTrue(result.stderr().contains("wrong number of arguments for users"),
                result.stderr());
    }

    @Test
    void nodeThatIsNotRunningIsExitThree() {
        ProcessResult result = new Meerkatctl(99).run("users", domain);
        assertEquals(3, result.exitCode(), result.describe());
    }
}

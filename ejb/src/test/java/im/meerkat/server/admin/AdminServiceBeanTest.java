package im.meerkat.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.TestServer;
import im.meerkat.server.routing.TestServer.Client;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin service behind the REST API (docs/ADMIN.md), on fake accounts and streams. */
class AdminServiceBeanTest {

    private final TestServer server = new TestServer();
    private final AdminService admin = server.adminService;

    private static AdminException.Kind kind(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(AdminException.class, call).kind();
    }

    @Test
    void requiresTheAdministratorRole() {
        assertEquals(List.of("meerkat-admin"),
                List.of(AdminServiceBean.class.getAnnotation(RolesAllowed.class).value()));
    }

    @Test
    void registerAndItsRefusals() throws Exception {
        admin.registerUser("Eve", "example.org", "pw");
        assertEquals("pw", server.accounts.password(Jid.of("eve@example.org")));
        assertEquals(AdminException.Kind.CONFLICT, kind(() -> admin.registerUser("eve", "example.org", "x")));
        assertEquals(AdminException.Kind.INVALID_ARGUMENT, kind(() -> admin.registerUser("a b", "example.org", "x")));
        assertEquals(AdminException.Kind.INVALID_ARGUMENT, kind(() -> admin.registerUser("a@b", "example.org", "x")));
        assertEquals(AdminException.Kind.INVALID_ARGUMENT, kind(() -> admin.registerUser("", "example.org", "x")));
        assertEquals(AdminException.Kind.INVALID_ARGUMENT, kind(() -> admin.registerUser("zed", "example.org", "")));
        assertEquals(AdminException.Kind.INVALID_ARGUMENT, kind(() -> admin.registerUser("zed", "elsewhere.test", "x")));
        assertFalse(server.accounts.exists(Jid.of("zed@example.org")));
        assertEquals("pw", server.accounts.password(Jid.of("eve@example.org")));
    }

    @Test
    void unregisterDeletesAndEndsSessions() throws Exception {
        Client eve = server.login("eve", "phone");
        admin.unregisterUser("eve", "example.org");
        assertFalse(server.accounts.exists(eve.jid));
        assertTrue(eve.channel.closed());
        assertEquals(AdminException.Kind.NOT_FOUND, kind(() -> admin.unregisterUser("eve", "example.org")));
    }

    @Test
    void changePasswordOfUnknownUserIsNotFound() throws Exception {
        server.login("eve", "phone");
        admin.changePassword("eve", "example.org", "new");
        assertEquals("new", server.accounts.password(Jid.of("eve@example.org")));
        assertEquals(AdminException.Kind.NOT_FOUND, kind(() -> admin.changePassword("nobody", "example.org", "x")));
        assertEquals(AdminException.Kind.INVALID_ARGUMENT, kind(() -> admin.changePassword("eve", "example.org", "")));
        assertEquals("new", server.accounts.password(Jid.of("eve@example.org")));
    }

    @Test
    void listUsersOfAServedDomainOnly() throws Exception {
        server.login("bob", "x");
        server.login("alice", "x");
        assertEquals(List.of("alice", "bob"), admin.listUsers("example.org"));
        assertEquals(AdminException.Kind.INVALID_ARGUMENT, kind(() -> admin.listUsers("elsewhere.test")));
    }

    @Test
    void sessionsAreSortedAndDescribed() {
        server.login("bob", "x");
        Client alice = server.login("alice", "z");
        alice.send("<presence><priority>4</priority></presence>");
        List<SessionSummary> sessions = admin.listSessions();
        assertEquals(List.of("alice@example.org/z", "bob@example.org/x"),
                sessions.stream().map(SessionSummary::jid).toList());
        SessionSummary a = sessions.get(0);
        assertEquals("node1", a.node());
        assertEquals("tcp", a.transport());
        assertEquals("192.0.2.7:40000", a.address());
        assertEquals(4, a.priority());
        assertTrue(a.available());
        assertFalse(sessions.get(1).available());
    }

    @Test
    void kickFullOrBareJid() throws Exception { // RFC 6120 §4.9.3.14
        Client a1 = server.login("alice", "one");
        Client a2 = server.login("alice", "two");
        Client bob = server.login("bob", "x");
        assertEquals(1, admin.kick("bob@example.org/x", "kicked by administrator"));
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, bob.channel.closedWith().condition());
        assertEquals("kicked by administrator", bob.channel.closedWith().text());
        assertEquals(2, admin.kick("alice@example.org", "maintenance"));
        assertTrue(a1.channel.closed());
        assertTrue(a2.channel.closed());
        assertEquals(0, admin.kick("alice@example.org", "again"));
        assertEquals(List.of(), admin.listSessions());
        assertEquals(AdminException.Kind.INVALID_ARGUMENT, kind(() -> admin.kick("example.org", "x")));
        assertEquals(AdminException.Kind.INVALID_ARGUMENT, kind(() -> admin.kick("a b@example.org", "x")));
    }

    @Test
    void domains() {
        assertEquals(List.of("example.org"), admin.domains());
    }
}

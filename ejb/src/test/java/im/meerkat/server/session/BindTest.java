package im.meerkat.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.routing.TestServer;
import im.meerkat.server.routing.TestServer.Client;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Resource binding, RFC 6120 §7. */
class BindTest {

    private final TestServer server = new TestServer();
    private final Jid alice = Jid.of("alice@example.org");

    @Test
    void serverGeneratesUniqueResourcesWhenNoneIsAsked() throws Exception { // §7.6.1
        Set<Jid> bound = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Jid jid = server.manager.bind(alice, i % 2 == 0 ? null : "",
                    new FakeChannel("node1", "g" + i));
            assertEquals(alice, jid.bare());
            assertFalse(jid.resourceOrNull().isEmpty());
            assertTrue(bound.add(jid), "resource generated twice: " + jid);
        }
        assertEquals(50, server.registry.records(alice).size());
    }

    @Test
    void requestedResourceIsEnforcedWithOpaqueString() throws Exception { // §7.7.2.1
        Jid jid = server.manager.bind(alice, "Laptop Home", new FakeChannel("node1", "c"));
        assertEquals("alice@example.org/Laptop Home", jid.toString());
    }

    @Test
    void unacceptableResourceIsBadRequestAndChangesNothing() { // §7.7.2.1
        StanzaErrorException e = assertThrows(StanzaErrorException.class,
                () -> server.manager.bind(alice, "bell\u0007", new FakeChannel("node1", "c")));
        assertEquals(StanzaErrorCondition.BAD_REQUEST, e.error().condition());
        assertEquals(List.of(), server.registry.records(alice));
        assertNull(server.registry.session(new im.meerkat.server.stream.ChannelId("node1", "c")));
    }

    @Test
    void conflictEndsTheOldSessionAndTheNewOneWins() throws Exception { // §7.7.2.2
        Client old = server.login("alice", "phone");
        Client bob = server.login("bob", "x");
        Client replacement = server.login("alice", "phone");
        assertTrue(old.channel.closed());
        assertEquals(StreamErrorCondition.CONFLICT, old.channel.closedWith().condition());
        assertFalse(replacement.channel.closed());
        assertEquals(1, server.registry.records(alice).size());
        assertEquals(replacement.channel.id(),
                server.registry.records(alice).get(0).channel());

        bob.send("<message type='chat' to='alice@example.org/phone'><body>hi</body></message>");
        assertEquals(1, replacement.received().size());
        assertEquals(List.of(), old.received());
    }

    @Test
    void lateUnbindOfTheReplacedStreamLeavesTheNewSession() throws Exception {
        Client old = server.login("alice", "phone");
        Client replacement = server.login("alice", "phone");
        old.logout(); // the stream layer reports the closed stream afterwards
        assertEquals(1, server.registry.records(alice).size());
        assertEquals(replacement.channel.id(), server.registry.records(alice).get(0).channel());
        assertEquals(replacement.jid, server.registry.local(replacement.jid).jid());
    }

    @Test
    void otherResourcesOfTheAccountAreUntouchedByAConflict() {
        Client laptop = server.login("alice", "laptop");
        server.login("alice", "phone");
        server.login("alice", "phone");
        assertFalse(laptop.channel.closed());
        assertEquals(2, server.registry.records(alice).size());
    }

    @Test
    void unbindRemovesTheSessionAndIsIdempotent() {
        Client c = server.login("alice", "phone");
        c.logout();
        c.logout();
        assertEquals(List.of(), server.registry.records(alice));
        assertNull(server.registry.local(c.jid));
        assertTrue(server.cache.isEmpty());
    }

    @Test
    void stanzaFromUnboundStreamIsIgnored() throws Exception {
        server.manager.received(new im.meerkat.server.stream.ChannelId("node1", "nobody"),
                im.meerkat.xmpp.stanza.Message.builder().to(alice).body("x").build());
        assertTrue(server.cache.isEmpty());
    }

    @Test
    void recordsCarryTheNodeTransportAndAddress() {
        Client c = server.login("alice", "phone");
        SessionRecord r = server.registry.records(alice).get(0);
        assertEquals("node1", r.channel().node());
        assertEquals("tcp", r.transport());
        assertEquals("192.0.2.7:40000", r.address());
        assertNotEquals(0, r.since());
        assertEquals(c.channel.id(), r.channel());
    }

    @Test
    void onlyAccountsBindResources() {
        StanzaErrorException e = assertThrows(StanzaErrorException.class,
                () -> server.manager.bind(Jid.of("example.org"), "r", new FakeChannel("node1", "c")));
        assertEquals(StanzaErrorCondition.NOT_ALLOWED, e.error().condition());
        assertTrue(server.cache.isEmpty());
    }

    @Test
    void aStreamBindsOneResource() throws Exception {
        FakeChannel channel = new FakeChannel("node1", "c");
        server.manager.bind(alice, "one", channel);
        StanzaErrorException e = assertThrows(StanzaErrorException.class,
                () -> server.manager.bind(alice, "two", channel));
        assertEquals(StanzaErrorCondition.NOT_ALLOWED, e.error().condition());
        assertEquals(List.of("one"),
                server.registry.records(alice).stream().map(SessionRecord::resource).toList());
    }
}

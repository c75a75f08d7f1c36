package im.meerkat.server.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.TestServer;
import im.meerkat.server.routing.TestServer.Client;
import im.meerkat.server.routing.Xml;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A user's own presence, RFC 6121 §4, without a roster. */
class PresenceTest {

    private final TestServer server = new TestServer();

    private static List<Element> presences(List<Element> received) {
        return received.stream().filter(e -> e.localName().equals("presence")).toList();
    }

    private static Set<String> froms(List<Element> elements) {
        return elements.stream().map(e -> e.attribute("from")).collect(Collectors.toSet());
    }

    @Test
    void initialPresenceGoesToAllAvailableResourcesIncludingTheSender() { // §4.2.2
        Client laptop = server.login("alice", "laptop");
        laptop.send("<presence/>");
        List<Element> own = presences(laptop.received());
        assertEquals(1, own.size());
        assertEquals("alice@example.org/laptop", own.get(0).attribute("from"));
        assertEquals("alice@example.org/laptop", own.get(0).attribute("to"));

        Client phone = server.login("alice", "phone");
        phone.send("<presence><show>away</show><priority>3</priority></presence>");
        List<Element> atLaptop = presences(laptop.received());
        assertEquals(1, atLaptop.size());
        assertEquals("alice@example.org/phone", atLaptop.get(0).attribute("from"));
        assertEquals("away", atLaptop.get(0).childText(
                im.meerkat.xmpp.xml.XmlName.of("jabber:client", "show")).orElseThrow());
        // the new resource sees itself and learns about the laptop (§4.3.2 self-probe)
        assertEquals(Set.of("alice@example.org/phone", "alice@example.org/laptop"),
                froms(presences(phone.received())));
    }

    @Test
    void aNewResourceLearnsTheWholePresenceOfOneOnAnotherNode() throws Exception { // §4.2.3
        Jid far = Jid.of("alice@example.org/far");
        Presence sent = (Presence) Stanza.of(Xml.parse("<presence><show>xa</show>"
                + "<status>gone fishing</status><x xmlns='vcard-temp:x:update'>"
                + "<photo>01b87fcd</photo></x></presence>")).withFrom(far);
        server.registry.table().put(far, new SessionRecord("far", new ChannelId("node2", "s1"),
                "tcp", "-", 0, false, 0).withPresence(sent));
        Client laptop = server.login("alice", "laptop");
        laptop.send("<presence/>");
        List<Element> fromFar = presences(laptop.received()).stream()
                .filter(e -> far.toString().equals(e.attribute("from"))).toList();
        assertEquals(List.of(sent.withTo(laptop.jid).element()), fromFar);
    }

    @Test
    void theRecordCarriesTheLastAvailablePresenceAndForgetsItWhenUnavailable() {
        Client laptop = server.login("alice", "laptop");
        laptop.send("<presence><show>dnd</show><priority>2</priority></presence>");
        SessionRecord r = server.registry.records(laptop.jid).get(0);
        Presence last = r.lastPresence(laptop.jid);
        assertEquals(laptop.jid, last.from());
        assertEquals(List.of("show", "priority"),
                last.element().elements().stream().map(Element::localName).toList());
        laptop.send("<presence type='unavailable'/>");
        assertEquals("", server.registry.records(laptop.jid).get(0).presence());
    }

    @Test
    void boundButUnavailableResourcesReceiveNoPresenceBroadcast() { // §4.2.2: available resources
        Client quiet = server.login("alice", "quiet");
        Client laptop = server.login("alice", "laptop");
        laptop.send("<presence/>");
        assertEquals(List.of(), quiet.received());
    }

    @Test
    void presenceUpdateRecordsThePriority() { // §4.7.2.3
        Client laptop = server.login("alice", "laptop");
        laptop.send("<presence><priority>-3</priority></presence>");
        SessionRecord r = server.registry.records(laptop.jid).get(0);
        assertTrue(r.available());
        assertEquals(-3, r.priority());
        laptop.send("<presence><priority>12</priority></presence>");
        assertEquals(12, server.registry.records(laptop.jid).get(0).priority());
    }

    @Test
    void unavailableGoesToOtherResourcesNotTheSender() { // §4.5.2
        Client laptop = server.login("alice", "laptop");
        Client phone = server.login("alice", "phone");
        laptop.send("<presence/>");
        phone.send("<presence/>");
        laptop.received();
        phone.received();
        phone.send("<presence type='unavailable'><status>bye</status></presence>");
        List<Element> atLaptop = presences(laptop.received());
        assertEquals(1, atLaptop.size());
        assertEquals("unavailable", atLaptop.get(0).attribute("type"));
        assertEquals(List.of(), phone.received());
        assertFalse(server.registry.records(phone.jid).stream()
                .filter(r -> r.resource().equals("phone")).findFirst().orElseThrow().available());
    }

    @Test
    void endOfAnAvailableSessionSendsUnavailableToOtherResources() { // §4.5.2
        Client laptop = server.login("alice", "laptop");
        Client phone = server.login("alice", "phone");
        laptop.send("<presence/>");
        phone.send("<presence/>");
        laptop.received();
        phone.logout();
        List<Element> atLaptop = presences(laptop.received());
        assertEquals(1, atLaptop.size());
        assertEquals("unavailable", atLaptop.get(0).attribute("type"));
        assertEquals("alice@example.org/phone", atLaptop.get(0).attribute("from"));
    }

    @Test
    void endOfASessionThatNeverWasAvailableSendsNothing() {
        Client laptop = server.login("alice", "laptop");
        laptop.send("<presence/>");
        laptop.received();
        server.login("alice", "phone").logout();
        assertEquals(List.of(), laptop.received());
    }

    @Test
    void directedPresenceTargetsGetUnavailableWhenTheSessionEnds() { // §4.6.3
        Client bob = server.login("bob", "home");
        Client carol = server.login("carol", "desk");
        bob.send("<presence/>");
        carol.send("<presence/>");
        bob.received();
        carol.received();
        Client alice = server.login("alice", "laptop");
        alice.send("<presence to='bob@example.org/home'/>");
        alice.send("<presence to='carol@example.org'/>");
        assertEquals(1, presences(bob.received()).size());
        assertEquals(1, presences(carol.received()).size());
        alice.logout();
        List<Element> atBob = presences(bob.received());
        assertEquals(1, atBob.size());
        assertEquals("unavailable", atBob.get(0).attribute("type"));
        assertEquals("alice@example.org/laptop", atBob.get(0).attribute("from"));
        assertEquals("unavailable", presences(carol.received()).get(0).attribute("type"));
    }

    @Test
    void directedUnavailableRemovesTheTarget() { // §4.6.2
        Client bob = server.login("bob", "home");
        bob.send("<presence/>");
        bob.received();
        Client alice = server.login("alice", "laptop");
        alice.send("<presence to='bob@example.org/home'/>");
        alice.send("<presence type='unavailable' to='bob@example.org/home'/>");
        assertEquals(2, presences(bob.received()).size());
        alice.logout();
        assertEquals(List.of(), bob.received());
    }

    @Test
    void broadcastUnavailableAlsoReachesDirectedTargets() { // §4.6.3
        Client bob = server.login("bob", "home");
        bob.send("<presence/>");
        bob.received();
        Client alice = server.login("alice", "laptop");
        alice.send("<presence/>");
        alice.send("<presence to='bob@example.org/home'/>");
        bob.received();
        alice.send("<presence type='unavailable'/>");
        List<Element> atBob = presences(bob.received());
        assertEquals(1, atBob.size());
        assertEquals("unavailable", atBob.get(0).attribute("type"));
        alice.logout();
        assertEquals(List.of(), bob.received(), "targets are told once");
    }

    @Test
    void presenceToABareJidReachesEveryAvailableResource() { // RFC 6121 §8.5.2.1.1
        Client a = server.login("bob", "a");
        Client b = server.login("bob", "b");
        Client quiet = server.login("bob", "quiet");
        a.send("<presence><priority>-1</priority></presence>");
        b.send("<presence/>");
        a.received();
        b.received();
        Client alice = server.login("alice", "laptop");
        alice.send("<presence to='bob@example.org'/>");
        assertEquals(1, presences(a.received()).size());
        assertEquals(1, presences(b.received()).size());
        assertEquals(List.of(), quiet.received());
    }

    @Test
    void kickedSessionsSendUnavailableToo() throws Exception {
        Client laptop = server.login("alice", "laptop");
        Client phone = server.login("alice", "phone");
        laptop.send("<presence/>");
        phone.send("<presence/>");
        laptop.received();
        assertEquals(1, server.adminService.kick("alice@example.org/phone", "bye"));
        assertEquals("unavailable", presences(laptop.received()).get(0).attribute("type"));
        assertEquals(List.of(Jid.of("alice@example.org/laptop")),
                server.registry.records(laptop.jid).stream()
                        .map(r -> laptop.jid.withResource(r.resource())).toList());
    }
}

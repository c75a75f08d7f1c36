package im.meerkat.server.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.TestServer;
import im.meerkat.server.routing.TestServer.Client;
import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** XEP-0077 for an authenticated user: state, password change (§3.3), cancellation (§3.2). */
class RegisterHandlerTest {

    private static final String NS = "jabber:iq:register";

    private static Element ask(Client c, String iq) {
        c.send(iq);
        List<Element> r = c.received();
        assertEquals(1, r.size(), () -> "expected one reply, got " + r);
        return r.get(0);
    }

    @Test
    void getShowsTheAccountIsRegistered() { // §3.1 example 3
        TestServer server = new TestServer();
        Client alice = server.login("alice", "a");
        Element query = ask(alice, "<iq type='get' id='g'><query xmlns='" + NS + "'/></iq>")
                .child(XmlName.of(NS, "query")).orElseThrow();
        assertTrue(query.hasChild(XmlName.of(NS, "registered")));
        assertEquals("alice", query.childText(XmlName.of(NS, "username")).orElseThrow());
    }

    @Test
    void passwordChange() { // §3.3
        TestServer server = new TestServer();
        Client alice = server.login("alice", "a");
        Element reply = ask(alice, "<iq type='set' id='c' to='example.org'><query xmlns='" + NS
                + "'><username>alice</username><password>n3w</password></query></iq>");
        assertEquals("result", reply.attribute("type"));
        assertEquals("n3w", server.accounts.password(alice.jid));
    }

    @Test
    void passwordChangeForSomeoneElseIsRefused() {
        TestServer server = new TestServer();
        Client alice = server.login("alice", "a");
        server.login("bob", "b");
        Element reply = ask(alice, "<iq type='set' id='c'><query xmlns='" + NS
                + "'><username>bob</username><password>mine</password></query></iq>");
        assertEquals(StanzaErrorCondition.NOT_AUTHORIZED, Xml.errorCondition(reply).orElseThrow());
        assertEquals("secret", server.accounts.password(Jid.of("bob@example.org")));
    }

    @Test
    void setWithoutPasswordIsBadRequest() {
        TestServer server = new TestServer();
        Client alice = server.login("alice", "a");
        Element reply = ask(alice, "<iq type='set' id='c'><query xmlns='" + NS
                + "'><username>alice</username></query></iq>");
        assertEquals(StanzaErrorCondition.BAD_REQUEST, Xml.errorCondition(reply).orElseThrow());
    }

    @Test
    void cancellationIsNotAllowedWhenRegistrationIsDisabled() {
        TestServer server = new TestServer();
        Client alice = server.login("alice", "a");
        Element reply = ask(alice, "<iq type='set' id='r'><query xmlns='" + NS + "'><remove/></query></iq>");
        assertEquals(StanzaErrorCondition.NOT_ALLOWED, Xml.errorCondition(reply).orElseThrow());
        assertTrue(server.accounts.exists(alice.jid));
        assertFalse(alice.channel.closed());
    }

    @Test
    void cancellationDeletesTheAccountAnswersThenClosesTheStreams() { // §3.2
        TestServer server = new TestServer(Map.of("meerkat.registration", "true"));
        Client alice = server.login("alice", "a");
        Client other = server.login("alice", "b");
        alice.send("<iq type='set' id='r' to='example.org'><query xmlns='" + NS + "'><remove/></query></iq>");
        assertFalse(server.accounts.exists(alice.jid));
        List<Object> events = alice.channel.events();
        assertEquals(2, events.size());
        assertEquals("result", ((Element) events.get(0)).attribute("type"));
        assertEquals(StreamErrorCondition.NOT_AUTHORIZED, ((StreamError) events.get(1)).condition());
        assertTrue(other.channel.closed());
        assertEquals(List.of(), server.registry.records(alice.jid));
    }
}

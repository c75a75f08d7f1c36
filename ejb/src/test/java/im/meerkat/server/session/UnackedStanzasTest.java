package im.meerkat.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.TestServer;
import im.meerkat.server.routing.TestServer.Client;
import im.meerkat.server.routing.Xml;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * XEP-0198 §5 with RFC 6121 §8.5.3.2: what the client of an ended session did not acknowledge is
 * handled as if sent to an unavailable resource.
 */
class UnackedStanzasTest {

    private static final XmlName BODY = XmlName.of("jabber:client", "body");
    private static final XmlName DELAY = XmlName.of("urn:xmpp:delay", "delay");

    /** A stream whose session has ended already: the stanzas are handled all the same. */
    private static final ChannelId GONE = new ChannelId("node1", "gone");

    private final TestServer server = new TestServer();

    private static Element xml(String text) {
        return Xml.parse(text);
    }

    private static Element chat(String id) {
        return xml("<message xmlns='jabber:client' type='chat' id='" + id + "' from='bob@example.org/desk'"
                + " to='alice@example.org/phone'><body>" + id + "</body>"
                + "<delay xmlns='urn:xmpp:delay' from='example.org' stamp='2026-01-01T00:00:00Z'/></message>");
    }

    @Test
    void messagesGoToAnotherAvailableResourceInOrderWithTheirDelay() {
        Client laptop = server.login("alice", "laptop");
        laptop.send("<presence/>");
        laptop.received();
        server.manager.unbind(GONE, List.of(chat("m1"), chat("m2")));
        List<Element> got = laptop.received();
        assertEquals(2, got.size(), got::toString);
        assertEquals("m1", got.get(0).childText(BODY).orElseThrow());
        assertEquals("m2", got.get(1).childText(BODY).orElseThrow());
        assertEquals("alice@example.org", got.get(0).attribute("to"), "by the bare JID's rules");
        assertTrue(got.get(0).hasChild(DELAY));
    }

    @Test
    void withoutAnAvailableResourceMessagesGoToOfflineStorage() {
        server.offlineStorage = true;
        server.manager.unbind(GONE, List.of(chat("m1")));
        assertEquals(1, server.stored.size());
        assertEquals("m1", server.stored.get(0).body());
    }

    @Test
    void aRefusedMessageIsBouncedToItsSender() {
        Client bob = server.login("bob", "desk");
        bob.received();
        server.manager.unbind(GONE, List.of(chat("m1")));
        List<Element> got = bob.received();
        assertEquals(1, got.size(), got::toString);
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, Xml.errorCondition(got.get(0)).orElseThrow());
    }

    @Test
    void iqRequestsAreAnsweredWithAnErrorAndPresenceIsDropped() {
        Client bob = server.login("bob", "desk");
        Client laptop = server.login("alice", "laptop");
        laptop.send("<presence/>");
        laptop.received();
        bob.received();
        server.manager.unbind(GONE, List.of(
                xml("<iq xmlns='jabber:client' type='get' id='q1' from='bob@example.org/desk' to='alice@example.org/phone'>"
                        + "<query xmlns='jabber:iq:version'/></iq>"),
                xml("<iq xmlns='jabber:client' type='result' id='q2' from='bob@example.org/desk' to='alice@example.org/phone'/>"),
                xml("<presence xmlns='jabber:client' from='bob@example.org/desk' to='alice@example.org/phone'/>")));
        List<Element> atBob = bob.received();
        assertEquals(1, atBob.size(), atBob::toString);
        assertEquals("q1", atBob.get(0).attribute("id"));
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, Xml.errorCondition(atBob.get(0)).orElseThrow());
        assertEquals(List.of(), laptop.received());
    }

    @Test
    void theMessagesAreHandledAfterTheSessionLeftTheTableAndBeforeItsUnavailablePresence() {
        Client phone = server.login("alice", "phone");
        phone.send("<presence/>");
        Client laptop = server.login("alice", "laptop");
        laptop.send("<presence><priority>-1</priority></presence>");
        server.offlineStorage = true;
        phone.received();
        laptop.received();
        server.manager.unbind(phone.channel.id(), List.of(chat("m1")));
        assertEquals(1, server.stored.size(), "not to the ended session, nor to a negative priority");
        List<Element> atLaptop = laptop.received();
        assertEquals(1, atLaptop.size(), atLaptop::toString);
        assertEquals("unavailable", atLaptop.get(0).attribute("type"));
        assertEquals(List.of(), phone.received());
    }
}

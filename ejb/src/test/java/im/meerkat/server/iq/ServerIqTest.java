package im.meerkat.server.iq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.TestServer;
import im.meerkat.server.routing.TestServer.Client;
import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** IQs the server answers: disco (XEP-0030), ping (XEP-0199), version (XEP-0092), the rest. */
class ServerIqTest {

    private static final String INFO = "http://jabber.org/protocol/disco#info";
    private static final String ITEMS = "http://jabber.org/protocol/disco#items";
    private final TestServer server = new TestServer();
    private final Client alice = server.login("alice", "phone");

    private Element ask(Client c, String iq) {
        c.send(iq);
        List<Element> r = c.received();
        assertEquals(1, r.size(), () -> "expected one reply, got " + r);
        return r.get(0);
    }

    private static StanzaErrorCondition error(Element reply) {
        return Xml.errorCondition(reply).orElseThrow(() -> new AssertionError("no error: " + reply));
    }

    @Test
    void discoInfoNamesTheServerAndItsFeatures() { // XEP-0030 §3.1
        Element reply = ask(alice, "<iq type='get' id='d1' to='example.org'><query xmlns='" + INFO + "'/></iq>");
        assertEquals("result", reply.attribute("type"));
        assertEquals("d1", reply.attribute("id"));
        assertEquals("example.org", reply.attribute("from"));
        assertEquals("alice@example.org/phone", reply.attribute("to"));
        Element query = reply.child(XmlName.of(INFO, "query")).orElseThrow();
        Element identity = query.child(XmlName.of(INFO, "identity")).orElseThrow();
        assertEquals("server", identity.attribute("category"));
        assertEquals("im", identity.attribute("type"));
        Set<String> features = query.children(XmlName.of(INFO, "feature")).stream()
                .map(f -> f.attribute("var")).collect(Collectors.toSet());
        assertEquals(Set.of(INFO, ITEMS, "urn:xmpp:ping", "jabber:iq:version",
                "jabber:iq:register", "http://jabber.org/protocol/commands", "jabber:x:data"),
                features);
    }

    @Test
    void discoInfoWithoutToIsAnsweredByTheServer() { // RFC 6120 §10.3.3
        Element reply = ask(alice, "<iq type='get' id='d2'><query xmlns='" + INFO + "'/></iq>");
        assertEquals("result", reply.attribute("type"));
    }

    @Test
    void discoInfoOnAnUnknownNodeIsItemNotFound() {
        Element reply = ask(alice, "<iq type='get' id='d3' to='example.org'><query xmlns='" + INFO
                + "' node='urn:example:none'/></iq>");
        assertEquals(StanzaErrorCondition.ITEM_NOT_FOUND, error(reply));
    }

    @Test
    void discoItemsOfTheServerIsAnEmptyList() { // XEP-0030 §4.1
        Element reply = ask(alice, "<iq type='get' id='i1' to='example.org'><query xmlns='" + ITEMS + "'/></iq>");
        assertEquals("result", reply.attribute("type"));
        assertEquals(List.of(), reply.child(XmlName.of(ITEMS, "query")).orElseThrow().elements());
    }

    @Test
    void pingToTheServerGetsAnEmptyResult() { // XEP-0199 §4.3
        Element reply = ask(alice, "<iq type='get' id='p1' to='example.org'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals("result", reply.attribute("type"));
        assertEquals("p1", reply.attribute("id"));
        assertEquals("example.org", reply.attribute("from"));
        assertTrue(reply.elements().isEmpty());
    }

    @Test
    void pingToOwnBareJidIsAnsweredByTheServer() {
        Element reply = ask(alice, "<iq type='get' id='p2' to='alice@example.org'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals("result", reply.attribute("type"));
        assertEquals("alice@example.org", reply.attribute("from"));
    }

    @Test
    void pingToAnotherAccountsBareJidIsNotAnsweredOnItsBehalf() {
        server.login("bob", "x");
        Element reply = ask(alice, "<iq type='get' id='p3' to='bob@example.org'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, error(reply));
    }

    @Test
    void versionNamesMeerkat() { // XEP-0092 §2
        Element reply = ask(alice, "<iq type='get' id='v1' to='example.org'><query xmlns='jabber:iq:version'/></iq>");
        Element query = reply.child(XmlName.of("jabber:iq:version", "query")).orElseThrow();
        assertEquals("Meerkat", query.childText(XmlName.of("jabber:iq:version", "name")).orElseThrow());
        assertTrue(!query.childText(XmlName.of("jabber:iq:version", "version")).orElseThrow().isEmpty());
    }

    @Test
    void unknownNamespaceIsServiceUnavailable() { // RFC 6120 §8.4
        Element reply = ask(alice, "<iq type='get' id='u1' to='example.org'><query xmlns='urn:example:nothing'/></iq>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, error(reply));
        assertEquals("u1", reply.attribute("id"));
        // the error carries the original payload (RFC 6120 §8.3.1)
        assertTrue(reply.child(XmlName.of("urn:example:nothing", "query")).isPresent());
    }

    @Test
    void handlerFailureIsInternalServerError() throws Exception {
        IqHandler broken = new IqHandler() {
            @Override
            public XmlName payload() {
                return XmlName.of("urn:example:broken", "q");
            }

            @Override
            public Iq handle(IqRequest request) {
                throw new IllegalStateException("boom");
            }
        };
        IqDispatcher dispatcher = new IqDispatcher(List.of(broken));
        im.meerkat.server.session.LocalSession session = server.registry.local(alice.jid);
        Iq iq = (Iq) im.meerkat.xmpp.stanza.Stanza.of(Xml.parse(
                "<iq type='get' id='x' to='example.org'><q xmlns='urn:example:broken'/></iq>")
                .withAttribute("from", alice.jid.toString()));
        dispatcher.dispatch(session, iq, IqScope.SERVER);
        assertEquals(StanzaErrorCondition.INTERNAL_SERVER_ERROR, error(alice.received().get(0)));
    }

    @Test
    void twoHandlersForOnePayloadAreRefused() {
        assertThrows(IllegalStateException.class, () -> new IqDispatcher(List.of(
                new im.meerkat.server.ping.PingHandler(), new im.meerkat.server.ping.PingHandler())));
    }
}

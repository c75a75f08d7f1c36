package im.meerkat.server.bytestreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.connector.api.BytestreamActivation;
import im.meerkat.server.routing.TestServer;
import im.meerkat.server.routing.TestServer.Client;
import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.xml.Element;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy service of XEP-0065 §6 as clients reach it through the router. */
class ProxyComponentTest {

    private static final String BS = ProxyComponent.NAMESPACE;

    /** The relay of the resource adapter, with the outcome of each hash set by the test. */
    static final class FakeRelay implements BytestreamRelay {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 7777);
        final Map<String, BytestreamActivation> outcomes = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public Optional<InetSocketAddress> address() {
            return Optional.ofNullable(address);
        }

        @Override
        public BytestreamActivation activate(String destination) {
            asked.add(destination);
            return outcomes.getOrDefault(destination, BytestreamActivation.NO_SUCH_STREAM);
        }
    }

    private final FakeRelay relay = new FakeRelay();
    private TestServer server;
    private Client alice;
    private Client bob;

    @BeforeEach
    void setUp() {
        server = new TestServer();
        ProxyComponent proxy = new ProxyComponent(server.config, relay, name -> null);
        server.router.useServices(List.of(proxy));
        server.discoItems.useServices(List.of(proxy));
        alice = server.login("alice", "laptop");
        bob = server.login("bob", "phone");
        alice.received();
        bob.received();
    }

    private Element ask(Client client, String xml) {
        client.send(xml);
        List<Element> got = client.received();
        assertEquals(1, got.size(), got::toString);
        return got.get(0);
    }

    private static StanzaErrorCondition error(Element reply) {
        return Xml.errorCondition(reply).orElseThrow(() -> new AssertionError(reply.toXml()));
    }

    @Test
    void theServerListsTheProxyAmongItsItems() {
        // XEP-0065 §4 / XEP-0030 §4: the proxy is found through the server's disco#items
        Element reply = ask(alice, "<iq type='get' id='i' to='example.org'>"
                + "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
        Element item = reply.elements().get(0).elements().get(0);
        assertEquals("proxy.example.org", item.attribute("jid"));
    }

    @Test
    void theProxyIdentifiesItselfAsABytestreamsProxy() {
        // §6.2
        Element reply = ask(alice, "<iq type='get' id='d' to='proxy.example.org'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        assertEquals("result", reply.attribute("type"));
        assertEquals("proxy.example.org", reply.attribute("from"));
        String xml = reply.toXml();
        assertTrue(xml.contains("category=\"proxy\"") || xml.contains("category='proxy'"), xml);
        assertTrue(xml.contains("bytestreams\"") || xml.contains("bytestreams'"), xml);
        assertTrue(xml.contains(BS), xml);
    }

    @Test
    void theStreamHostIsTheRelaysAddress() {
        // §6.3.1
        Element reply = ask(alice, "<iq type='get' id='s' to='proxy.example.org'>"
                + "<query xmlns='" + BS + "'/></iq>");
        Element host = reply.elements().get(0).elements().get(0);
        assertEquals("streamhost", host.localName());
        assertEquals("proxy.example.org", host.attribute("jid"));
        assertEquals("127.0.0.1", host.attribute("host"));
        assertEquals("7777", host.attribute("port"));
    }

    @Test
    void theConfiguredHostIsAdvertised() {
        ProxyComponent proxy = new ProxyComponent(server.config, relay,
                name -> name.equals("meerkat.proxy65.host") ? "files.example.org" : null);
        server.router.useServices(List.of(proxy));
        Element reply = ask(alice, "<iq type='get' id='s' to='proxy.example.org'>"
                + "<query xmlns='" + BS + "'/></iq>");
        assertEquals("files.example.org",
                reply.elements().get(0).elements().get(0).attribute("host"));
    }

    @Test
    void theInitiatorActivatesTheStreamNamedByTheHash() {
        // §6.3.3 and §5.3.2: SHA1(SID + initiator JID + target JID)
        String hash = "6b95c4664404721810453fe12613cefb24963978";
        relay.outcomes.put(hash, BytestreamActivation.ACTIVATED);
        Element reply = ask(alice, "<iq type='set' id='a' to='proxy.example.org'>"
                + "<query xmlns='" + BS + "' sid='s1'>"
                + "<activate>bob@example.org/phone</activate></query></iq>");
        assertEquals("result", reply.attribute("type"), reply::toXml);
        assertEquals(List.of(hash), relay.asked);
    }

    @Test
    void activationOfAnUnknownStreamIsItemNotFound() {
        Element reply = ask(alice, "<iq type='set' id='a' to='proxy.example.org'>"
                + "<query xmlns='" + BS + "' sid='nothing'>"
                + "<activate>bob@example.org/phone</activate></query></iq>");
        assertEquals(StanzaErrorCondition.ITEM_NOT_FOUND, error(reply));
    }

    @Test
    void theTargetCannotActivateTheInitiatorsStream() {
        relay.outcomes.put("6b95c4664404721810453fe12613cefb24963978",
                BytestreamActivation.ACTIVATED);
        Element reply = ask(bob, "<iq type='set' id='a' to='proxy.example.org'>"
                + "<query xmlns='" + BS + "' sid='s1'>"
                + "<activate>bob@example.org/phone</activate></query></iq>");
        // §6.3.3: the from address is not the initiator's
        assertEquals(StanzaErrorCondition.ITEM_NOT_FOUND, error(reply));
        reply = ask(bob, "<iq type='set' id='b' to='proxy.example.org'>"
                + "<query xmlns='" + BS + "' sid='s1'>"
                + "<activate>alice@example.org/laptop</activate></query></iq>");
        assertEquals(StanzaErrorCondition.ITEM_NOT_FOUND, error(reply));
    }

    @Test
    void activationWithOnePartyOrTwiceIsNotAllowed() {
        String hash = "6b95c4664404721810453fe12613cefb24963978";
        for (BytestreamActivation outcome : List.of(BytestreamActivation.ONE_PARTY_ONLY,
                BytestreamActivation.ALREADY_ACTIVE)) {
            relay.outcomes.put(hash, outcome);
            Element reply = ask(alice, "<iq type='set' id='a' to='proxy.example.org'>"
                    + "<query xmlns='" + BS + "' sid='s1'>"
                    + "<activate>bob@example.org/phone</activate></query></iq>");
            assertEquals(StanzaErrorCondition.NOT_ALLOWED, error(reply), outcome::name);
        }
    }

    @Test
    void malformedActivationsAreBadRequestsAndReachNoRelay() {
        for (String query : List.of(
                "<query xmlns='" + BS + "'><activate>bob@example.org/phone</activate></query>",
                "<query xmlns='" + BS + "' sid=''><activate>bob@example.org/phone</activate></query>",
                "<query xmlns='" + BS + "' sid='s1'/>",
                "<query xmlns='" + BS + "' sid='s1'><activate>@@</activate></query>")) {
            Element reply = ask(alice, "<iq type='set' id='m' to='proxy.example.org'>" + query
                    + "</iq>");
            assertEquals(StanzaErrorCondition.BAD_REQUEST, error(reply), query);
        }
        assertEquals(List.of(), relay.asked);
    }

    @Test
    void otherRequestsAndMessagesAreServiceUnavailable() {
        Element reply = ask(alice, "<iq type='get' id='p' to='proxy.example.org'>"
                + "<ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, error(reply));
        reply = ask(alice, "<message to='proxy.example.org' id='m'><body>hi</body></message>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, error(reply));
        alice.send("<presence to='proxy.example.org'/>");
        assertEquals(List.of(), alice.received());
    }

    @Test
    void withoutARelayThereIsNoProxy() {
        relay.address = null;
        Element reply = ask(alice, "<iq type='get' id='i' to='example.org'>"
                + "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
        assertEquals(0, reply.elements().get(0).elements().size(), reply::toXml);
        reply = ask(alice, "<iq type='get' id='s' to='proxy.example.org'>"
                + "<query xmlns='" + BS + "'/></iq>");
        assertEquals(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND, error(reply));
    }
}

package im.meerkat.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Stanzas to a hosted service's address (a {@link LocalService}, such as {@code pubsub.<domain>})
 * go to that service; other subdomains of a served domain are not served (RFC 6120 §10.4.3).
 */
class LocalServiceRoutingTest {

    private static final String SERVICE = "service." + TestServer.DOMAIN;

    /** Records what it is given. */
    private static final class Recorder implements LocalService {
        final List<Stanza> handled = new ArrayList<>();

        @Override
        public Optional<Jid> address(String servedDomain) {
            return Optional.of(Jid.domain("service." + servedDomain));
        }

        @Override
        public boolean isAt(String domain) {
            return domain.equals(SERVICE);
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public void receive(LocalSession sender, Stanza stanza) {
            handled.add(stanza);
        }
    }

    @Test
    void anIqToTheServiceGoesToIt() {
        TestServer server = new TestServer();
        Recorder service = new Recorder();
        server.router.useServices(List.of(service));
        TestServer.Client alice = server.login("alice", "a");
        alice.received();
        alice.send("<iq xmlns='jabber:client' type='get' id='1' to='" + SERVICE + "'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        assertEquals(1, service.handled.size());
        assertEquals(Jid.of(SERVICE), service.handled.get(0).to());
        assertEquals(alice.jid, service.handled.get(0).from());
        assertTrue(alice.received().isEmpty(), "the service answers, not the router");
    }

    @Test
    void anotherSubdomainIsNotServed() {
        TestServer server = new TestServer();
        Recorder service = new Recorder();
        server.router.useServices(List.of(service));
        TestServer.Client alice = server.login("alice", "a");
        alice.received();
        alice.send("<iq xmlns='jabber:client' type='get' id='2' to='other." + TestServer.DOMAIN
                + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        assertTrue(service.handled.isEmpty());
        List<Element> got = alice.received();
        assertEquals(1, got.size());
        assertEquals("error", got.get(0).attribute("type"));
        assertTrue(got.get(0).toXml().contains("remote-server-not-found"), got.get(0).toXml());
    }
}

package im.meerkat.server.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.TestServer;
import im.meerkat.server.routing.TestServer.Client;
import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Enforcement of block lists in routing (XEP-0191 §4.3), over fake streams. */
class BlockingFilterTest {

    private final TestServer server = new TestServer();
    private final BlockListCache cache = new BlockListCache(new ConcurrentHashMap<>());
    private final Client alice;
    private final Client bob;

    BlockingFilterTest() {
        BlockListStore noDatabase = new BlockListStore() {
            @Override
            public BlockList load(Jid owner) {
                return BlockList.empty();
            }
        };
        BlockingFilter filter = new BlockingFilter(new BlockLists(cache, noDatabase), server.config);
        server.delivery.useHooks(List.of(filter), List.of());
        server.router.useHooks(List.of(filter), List.of());
        alice = available("alice", "phone");
        bob = available("bob", "home");
        alice.received();
    }

    private Client available(String local, String resource) {
        Client c = server.login(local, resource);
        c.send("<presence/>");
        c.received();
        return c;
    }

    private void bobBlocks(String jid) {
        cache.put(Jid.of("bob@example.org"), BlockList.of(List.of(Jid.of(jid))));
    }

    private static StanzaErrorCondition onlyError(List<Element> received) {
        assertEquals(1, received.size(), () -> "expected one error, got " + received);
        return Xml.errorCondition(received.get(0)).orElseThrow();
    }

    @Test
    void messagesFromABlockedEntityAreRefusedAndNotStored() {
        bobBlocks("alice@example.org");
        server.offlineStorage = true;
        alice.send("<message type='chat' to='bob@example.org/home'><body>hi</body></message>");
        alice.send("<message type='chat' to='bob@example.org'><body>hi</body></message>");
        assertEquals(List.of(), bob.received());
        List<Element> errors = alice.received();
        assertEquals(2, errors.size(), errors::toString);
        for (Element e : errors) {
            assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, Xml.errorCondition(e).orElseThrow());
        }
        bob.logout();
        alice.send("<message type='chat' to='bob@example.org'><body>later</body></message>");
        assertEquals(List.of(), server.stored);
    }

    @Test
    void presenceFromABlockedEntityIsDroppedSilently() {
        bobBlocks("example.org/unused"); // not alice: her presence passes
        alice.send("<presence to='bob@example.org'/>");
        assertEquals(1, bob.received().size());
        bobBlocks("example.org"); // the whole domain, alice included
        alice.send("<presence to='bob@example.org'/>");
        assertEquals(List.of(), bob.received());
        assertEquals(List.of(), alice.received());
    }

    @Test
    void iqRequestsFromABlockedEntityGetServiceUnavailable() {
        bobBlocks("alice@example.org/phone");
        alice.send("<iq type='get' id='v1' to='bob@example.org/home'>"
                + "<query xmlns='jabber:iq:version'/></iq>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(alice.received()));
        assertEquals(List.of(), bob.received());
        alice.send("<iq type='result' id='v2' to='bob@example.org/home'/>");
        assertEquals(List.of(), alice.received());
        assertEquals(List.of(), bob.received());
    }

    @Test
    void stanzasToABlockedEntityAreNotAcceptableWithTheBlockedCondition() {
        bobBlocks("alice@example.org");
        bob.send("<message type='chat' to='alice@example.org'><body>hi</body></message>");
        assertEquals(List.of(), alice.received());
        List<Element> got = bob.received();
        assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, onlyError(got));
        Element error = got.get(0).child(XmlName.of("jabber:client", "error")).orElseThrow();
        assertTrue(error.hasChild(XmlName.of(BlockingFilter.ERRORS, "blocked")), error::toString);
    }

    @Test
    void theUsersOwnResourcesAreNeverBlocked() {
        bobBlocks("example.org");
        Client other = available("bob", "work");
        bob.received();
        other.send("<message type='chat' to='bob@example.org/home'><body>me</body></message>");
        assertEquals(1, bob.received().size());
    }
}

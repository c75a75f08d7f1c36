package im.meerkat.server.carbons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.TestServer;
import im.meerkat.server.routing.TestServer.Client;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Received (XEP-0280 §7) and sent (§8) copies through the real routing, over fake streams. */
class CarbonCopiesTest {

    private static final XmlName BODY = XmlName.of("jabber:client", "body");

    private final TestServer server = new TestServer();

    CarbonCopiesTest() {
        CarbonCopies copies = new CarbonCopies(server.registry, server.delivery);
        server.delivery.useHooks(List.of(), List.of(copies));
        server.router.useHooks(List.of(), List.of(copies));
    }

    private Client available(String local, String resource, int priority, boolean carbons) {
        Client c = server.login(local, resource);
        c.send("<presence><priority>" + priority + "</priority></presence>");
        server.registry.carbonsChanged(server.registry.local(c.jid), carbons);
        c.received();
        return c;
    }

    private static void drain(Client... clients) {
        for (Client c : clients) {
            c.received();
        }
    }

    private static Element forwardedIn(Element copy, XmlName wrapper) {
        Element w = copy.child(wrapper).orElseThrow(() -> new AssertionError("no "
                + wrapper + " in " + copy));
        return w.child(XmlName.of(Carbons.FORWARD, "forwarded")).orElseThrow().elements().get(0);
    }

    @Test
    void bareJidMessageIsCopiedToTheResourceThatDidNotGetIt() { // §7
        Client alice = available("alice", "phone", 0, false);
        Client home = available("bob", "home", 5, true);
        Client work = available("bob", "work", 1, true);
        drain(alice, home, work);
        alice.send("<message type='chat' to='bob@example.org' id='m1'><body>hi</body></message>");
        assertEquals("hi", home.received().get(0).childText(BODY).orElseThrow());
        List<Element> atWork = work.received();
        assertEquals(1, atWork.size(), atWork::toString);
        Element copy = atWork.get(0);
        assertEquals("bob@example.org", copy.attribute("from"));
        assertEquals("bob@example.org/work", copy.attribute("to"));
        assertEquals("chat", copy.attribute("type"));
        Element inner = forwardedIn(copy, Carbons.RECEIVED);
        assertEquals("alice@example.org/phone", inner.attribute("from"));
        assertEquals("hi", inner.childText(BODY).orElseThrow());
    }

    @Test
    void resourcesWithTheSameTopPriorityGetTheOriginalOnly() { // §7: no copy to a recipient
        Client alice = available("alice", "phone", 0, false);
        Client home = available("bob", "home", 1, true);
        Client work = available("bob", "work", 1, true);
        drain(alice, home, work);
        alice.send("<message type='chat' to='bob@example.org'><body>hi</body></message>");
        assertEquals(1, home.received().size());
        List<Element> atWork = work.received();
        assertEquals(1, atWork.size(), atWork::toString);
        assertTrue(atWork.get(0).child(Carbons.RECEIVED).isEmpty(), atWork::toString);
    }

    @Test
    void sentMessageIsCopiedToTheSendersOtherResources() { // §8
        Client bob = available("bob", "home", 0, false);
        Client phone = available("alice", "phone", 0, true);
        Client desk = available("alice", "desk", 0, true);
        Client tablet = available("alice", "tablet", 0, false);
        drain(bob, phone, desk, tablet);
        phone.send("<message type='chat' to='bob@example.org/home'><body>yo</body></message>");
        assertEquals(1, bob.received().size());
        assertEquals(List.of(), phone.received(), "no copy to the sender itself");
        assertEquals(List.of(), tablet.received(), "no copy without carbons");
        Element copy = desk.received().get(0);
        assertEquals("alice@example.org", copy.attribute("from"));
        Element inner = forwardedIn(copy, Carbons.SENT);
        assertEquals("bob@example.org/home", inner.attribute("to"));
        assertEquals("alice@example.org/phone", inner.attribute("from"));
    }

    @Test
    void privateMessagesAreNotCopiedAndArriveWithoutTheHint() { // §9
        Client alice = available("alice", "phone", 0, true);
        Client aliceDesk = available("alice", "desk", 0, true);
        Client home = available("bob", "home", 0, true);
        Client work = available("bob", "work", 0, true);
        drain(alice, aliceDesk, home, work);
        alice.send("<message type='chat' to='bob@example.org/home'><body>psst</body>"
                + "<private xmlns='urn:xmpp:carbons:2'/></message>");
        Element got = home.received().get(0);
        assertTrue(got.child(Carbons.PRIVATE).isEmpty(), got::toString);
        assertEquals(List.of(), work.received());
        assertEquals(List.of(), aliceDesk.received());
    }

    @Test
    void disabledResourcesGetNoCopies() { // §5
        Client alice = available("alice", "phone", 0, false);
        available("bob", "home", 0, true);
        Client work = available("bob", "work", -1, true);
        server.registry.carbonsChanged(server.registry.local(work.jid), false);
        drain(alice, work);
        alice.send("<message type='chat' to='bob@example.org/home'><body>hi</body></message>");
        assertEquals(List.of(), work.received());
    }
}

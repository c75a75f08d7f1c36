package im.meerkat.server.roster;

import static im.meerkat.server.roster.ImTestSupport.presences;
import static im.meerkat.server.roster.ImTestSupport.pushedItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.roster.ImServer.Client;
import im.meerkat.server.routing.Xml;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The roster and subscriptions through the session layer (RFC 6121 §2 and §3, XEP-0237), with
 * the stores on H2: what each client receives.
 */
class RosterServiceTest {

    private final ImServer server = ImServer.create(1000);

    @AfterEach
    void close() {
        server.close();
    }

    private static Element item(String jid, String name) {
        return Xml.parse("<iq type='set' id='s'><query xmlns='jabber:iq:roster'><item jid='" + jid
                + "'" + (name == null ? "" : " name='" + name + "'") + "/></query></iq>");
    }

    @Test
    void aRosterSetIsPushedToEveryInterestedResourceBeforeTheResult() { // §2.3.2
        Client laptop = server.login("alice", "laptop");
        Client phone = server.login("alice", "phone");
        Client quiet = server.login("alice", "quiet");
        assertEquals(0, laptop.roster().elements().get(0).elements().size());
        phone.roster();

        laptop.send(item("bob@example.org", "Bob").toXml());
        List<Element> atLaptop = laptop.received();
        assertEquals(2, atLaptop.size(), atLaptop::toString);
        assertEquals("set", atLaptop.get(0).attribute("type"));
        assertEquals("result", atLaptop.get(1).attribute("type"));
        Element pushed = pushedItems(atLaptop).get(0);
        assertEquals("bob@example.org", pushed.attribute("jid"));
        assertEquals("Bob", pushed.attribute("name"));
        assertEquals("none", pushed.attribute("subscription"));
        assertEquals("alice@example.org", atLaptop.get(0).attribute("from"));
        assertEquals(1, pushedItems(phone.received()).size());
        assertEquals(List.of(), quiet.received()); // never asked for the roster
    }

    @Test
    void versionsMakeUnchangedRostersEmptyAndPushesCarryThem() { // XEP-0237
        Client laptop = server.login("alice", "laptop");
        laptop.send("<iq type='get' id='g'><query xmlns='jabber:iq:roster' ver=''/></iq>");
        String v0 = laptop.received().get(0).elements().get(0).attribute("ver");
        laptop.send(item("bob@example.org", null).toXml());
        String v1 = laptop.received().get(0).elements().get(0).attribute("ver");
        assertTrue(!v0.equals(v1), v0 + " " + v1);

        laptop.send("<iq type='get' id='g'><query xmlns='jabber:iq:roster' ver='" + v1
                + "'/></iq>");
        Element unchanged = laptop.received().get(0);
        assertEquals("result", unchanged.attribute("type"));
        assertTrue(unchanged.elements().isEmpty(), unchanged::toXml);

        laptop.send("<iq type='get' id='g'><query xmlns='jabber:iq:roster' ver='" + v0
                + "'/></iq>");
        Element full = laptop.received().get(0).elements().get(0);
        assertEquals(v1, full.attribute("ver"));
        assertEquals(1, full.elements().size());
    }

    @Test
    void aBadItemIsRefusedAndChangesNothing() { // §2.3.3
        Client laptop = server.login("alice", "laptop");
        laptop.send(item("bob@example.org", "Bob").toXml());
        laptop.received();
        long version = server.roster.version(Jid.of("alice@example.org"));
        laptop.send("<iq type='set' id='bad'><query xmlns='jabber:iq:roster'>"
                + "<item jid='not@valid@jid' name='x'/></query></iq>");
        List<Element> reply = laptop.received();
        assertEquals(1, reply.size());
        assertEquals(StanzaErrorCondition.BAD_REQUEST, Xml.errorCondition(reply.get(0)).orElseThrow());
        laptop.send("<iq type='set' id='rm'><query xmlns='jabber:iq:roster'>"
                + "<item jid='carol@example.org' subscription='remove'/></query></iq>");
        assertEquals(StanzaErrorCondition.ITEM_NOT_FOUND,
                Xml.errorCondition(laptop.received().get(0)).orElseThrow()); // §2.5.3
        assertEquals(version, server.roster.version(Jid.of("alice@example.org")));
        assertEquals(1, server.roster.roster(Jid.of("alice@example.org")).items().size());
    }

    @Test
    void aSubscriptionHandshakeEndsInToAndFrom() { // §3.1
        Client alice = server.login("alice", "laptop");
        Client bob = server.login("bob", "phone");
        alice.roster();
        bob.roster();
        alice.send("<presence/>");
        bob.send("<presence/>");
        alice.received();
        bob.received();

        alice.send("<presence to='bob@example.org/phone' type='subscribe'><status>hi</status></presence>");
        Element ask = pushedItems(alice.received()).get(0);
        assertEquals("subscribe", ask.attribute("ask"));
        List<Element> request = presences(bob.received(), "subscribe");
        assertEquals(1, request.size());
        assertEquals("alice@example.org", request.get(0).attribute("from"));
        assertEquals("bob@example.org", request.get(0).attribute("to")); // stamped bare (§3.1.2)

        bob.send("<presence to='alice@example.org' type='subscribed'/>");
        List<Element> atBob = bob.received();
        assertEquals("from", pushedItems(atBob).get(0).attribute("subscription"));
        List<Element> atAlice = alice.received();
        Element pushed = pushedItems(atAlice).get(0);
        assertEquals("to", pushed.attribute("subscription"));
        assertNull(pushed.attribute("ask"));
        assertEquals(1, presences(atAlice, "subscribed").size());
        // §3.1.5: bob's available resource's presence follows the approval
        assertEquals("bob@example.org/phone", presences(atAlice, null).get(0).attribute("from"));

        // now bob's presence changes reach alice, alice's do not reach bob
        bob.send("<presence><show>away</show></presence>");
        bob.received();
        assertEquals(1, presences(alice.received(), null).size());
        alice.send("<presence><show>dnd</show></presence>");
        assertEquals(List.of(), presences(bob.received(), null));
        bob.logout();
        assertEquals("bob@example.org/phone",
                presences(alice.received(), "unavailable").get(0).attribute("from"));
    }

    @Test
    void aRequestToAnOfflineContactWaitsForItsInitialPresence() throws Exception { // §3.1.3
        server.accounts.create(Jid.of("bob@example.org"), "pw");
        Client alice = server.login("alice", "laptop");
        alice.send("<presence to='bob@example.org' type='subscribe'/>");
        Client bob = server.login("bob", "phone");
        assertEquals(List.of(), bob.received());
        bob.send("<presence/>");
        List<Element> requests = presences(bob.received(), "subscribe");
        assertEquals(1, requests.size());
        assertEquals("alice@example.org", requests.get(0).attribute("from"));
        // not on bob's roster until he answers
        assertEquals(0, bob.roster().elements().get(0).elements().size());
    }

    @Test
    void initialPresenceProbesContactsAndReachesSubscribers() { // §4.2, §4.3
        subscribeBothWays();
        Client bob = server.login("bob", "phone");
        bob.send("<presence><status>here</status></presence>");
        Client alice = server.login("alice", "laptop");
        alice.send("<presence/>");
        List<Element> atAlice = presences(alice.received(), null);
        assertTrue(atAlice.stream().anyMatch(p -> "bob@example.org/phone".equals(p.attribute("from"))),
                atAlice::toString);
        assertEquals(List.of("alice@example.org/laptop"), presences(bob.received(), null).stream()
                .map(p -> p.attribute("from")).filter(f -> f.startsWith("alice")).toList());
        alice.logout();
        assertEquals(1, presences(bob.received(), "unavailable").size());
    }

    @Test
    void initialPresenceAndProbesGetTheWholePresenceOfAResourceOnAnotherNode() { // §4.2.3, §4.3.2
        subscribeBothWays();
        Presence sent = (Presence) stanza("<presence id='p1' from='bob@example.org/far'>"
                + "<show>away</show><status>text</status>"
                + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1'"
                + " node='urn:example:client' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>"
                + "<x xmlns='vcard-temp:x:update'><photo>01b87fcd</photo></x></presence>");
        // the record node2 wrote when bob's resource there broadcast that presence
        server.registry.table().put(Jid.of("bob@example.org"), new SessionRecord("far",
                new ChannelId("node2", "s1"), "tcp", "-", 0, false, 0).withPresence(sent));
        Client alice = server.login("alice", "laptop");

        alice.send("<presence/>");
        assertSameAsSent(sent, alice, presences(alice.received(), null));
        alice.send("<presence type='probe' to='bob@example.org'/>");
        assertSameAsSent(sent, alice, presences(alice.received(), null));
    }

    private static void assertSameAsSent(Presence sent, Client to, List<Element> received) {
        List<Element> far = received.stream()
                .filter(p -> "bob@example.org/far".equals(p.attribute("from"))).toList();
        assertEquals(1, far.size(), received::toString);
        assertEquals(to.jid.toString(), far.get(0).attribute("to"));
        assertEquals("p1", far.get(0).attribute("id"));
        assertEquals(sent.element().elements(), far.get(0).elements());
    }

    private static Stanza stanza(String xml) {
        try {
            return Stanza.of(Xml.parse(xml));
        } catch (StanzaErrorException e) {
            throw new IllegalArgumentException(xml, e);
        }
    }

    @Test
    void aPreApprovedRequestIsAnsweredWithoutAskingTheContact() { // §3.4
        Client bob = server.login("bob", "phone");
        bob.roster();
        bob.send("<presence/>");
        bob.received();
        bob.send("<presence to='alice@example.org' type='subscribed'/>");
        assertEquals("true", pushedItems(bob.received()).get(0).attribute("approved"));
        Client alice = server.login("alice", "laptop");
        alice.roster();
        alice.send("<presence to='bob@example.org' type='subscribe'/>");
        List<Element> atBob = bob.received();
        assertEquals(List.of(), presences(atBob, "subscribe"));
        assertEquals("from", pushedItems(atBob).get(0).attribute("subscription"));
        List<Element> atAlice = alice.received();
        assertEquals(1, presences(atAlice, "subscribed").size());
        assertEquals("to", pushedItems(atAlice).get(pushedItems(atAlice).size() - 1)
                .attribute("subscription"));
    }

    @Test
    void removingAnItemCancelsBothDirections() { // §2.5.2
        subscribeBothWays();
        Client alice = server.login("alice", "laptop");
        Client bob = server.login("bob", "phone");
        alice.roster();
        bob.roster();
        alice.send("<iq type='set' id='rm'><query xmlns='jabber:iq:roster'>"
                + "<item jid='bob@example.org' subscription='remove'/></query></iq>");
        assertEquals("remove", pushedItems(alice.received()).get(0).attribute("subscription"));
        List<Element> atBob = bob.received();
        assertEquals("none", pushedItems(atBob).get(pushedItems(atBob).size() - 1)
                .attribute("subscription"));
        assertEquals(1, presences(atBob, "unsubscribe").size());
        assertEquals(1, presences(atBob, "unsubscribed").size());
    }

    @Test
    void unsubscribedCancelsTheContactsSubscription() { // §3.2
        subscribeBothWays();
        Client alice = server.login("alice", "laptop");
        Client bob = server.login("bob", "phone");
        alice.send("<presence/>");
        bob.send("<presence/>");
        alice.roster();
        bob.roster();
        alice.received();
        bob.received();
        alice.send("<presence to='bob@example.org' type='unsubscribed'/>");
        assertEquals("to", pushedItems(alice.received()).get(0).attribute("subscription"));
        List<Element> atBob = bob.received();
        assertEquals("from", pushedItems(atBob).get(0).attribute("subscription"));
        assertEquals(1, presences(atBob, "unsubscribed").size());
        assertEquals(1, presences(atBob, "unavailable").size()); // §3.2.2
    }

    @Test
    void aRequestToAnUnknownAccountIsAnsweredUnsubscribed() { // §3.1.3
        Client alice = server.login("alice", "laptop");
        alice.roster();
        alice.send("<presence to='nobody@example.org' type='subscribe'/>");
        List<Element> atAlice = alice.received();
        assertEquals(1, presences(atAlice, "unsubscribed").size());
        Element last = pushedItems(atAlice).get(pushedItems(atAlice).size() - 1);
        assertEquals("none", last.attribute("subscription"));
        assertNull(last.attribute("ask"));
    }

    @Test
    void anAccountsRosterGoesWithIt() {
        subscribeBothWays();
        server.roster.purge(Jid.of("alice@example.org"));
        assertEquals(List.of(), server.roster.roster(Jid.of("alice@example.org")).items());
        assertEquals(0, server.roster.version(Jid.of("alice@example.org")));
        assertEquals(1, server.roster.roster(Jid.of("bob@example.org")).items().size());
    }

    /** alice and bob subscribe to each other; both offline afterwards. */
    private void subscribeBothWays() {
        Client alice = server.login("alice", "setup");
        Client bob = server.login("bob", "setup");
        alice.send("<presence to='bob@example.org' type='subscribe'/>");
        bob.send("<presence to='alice@example.org' type='subscribed'/>");
        bob.send("<presence to='alice@example.org' type='subscribe'/>");
        alice.send("<presence to='bob@example.org' type='subscribed'/>");
        alice.logout();
        bob.logout();
        assertEquals("both", server.roster.item(Jid.of("alice@example.org"),
                Jid.of("bob@example.org")).orElseThrow().state().subscription().value());
        assertEquals("both", server.roster.item(Jid.of("bob@example.org"),
                Jid.of("alice@example.org")).orElseThrow().state().subscription().value());
    }
}

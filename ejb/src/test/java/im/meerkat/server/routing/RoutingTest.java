package im.meerkat.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.TestServer.Client;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import java.util.List;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.stream.ChannelId;
import org.junit.jupiter.api.Test;

/** The delivery rules of RFC 6121 §8.5 and the routing rules of RFC 6120 §10. */
class RoutingTest {

    private final TestServer server = new TestServer();
    private final Client alice = server.login("alice", "phone");

    private static StanzaErrorCondition onlyError(List<Element> received) {
        assertEquals(1, received.size(), () -> "expected one error reply, got " + received);
        return Xml.errorCondition(received.get(0)).orElseThrow();
    }

    private static void assertBody(String body, List<Element> received) {
        assertEquals(1, received.size(), () -> "expected one message, got " + received);
        assertEquals(body, received.get(0).childText(
                im.meerkat.xmpp.xml.XmlName.of("jabber:client", "body")).orElse(null));
    }

    private Client available(String local, String resource, int priority) {
        Client c = server.login(local, resource);
        c.send("<presence><priority>" + priority + "</priority></presence>");
        return c;
    }

    private void drain(Client... clients) {
        for (Client c : clients) {
            c.received();
        }
    }

    @Test
    void messageToOnlineFullJidGoesToThatResourceOnly() { // RFC 6121 §8.5.3.1
        Client home = available("bob", "home", 5);
        Client work = available("bob", "work", 1);
        drain(home, work, alice);
        alice.send("<message type='chat' to='bob@example.org/work'><body>hi</body></message>");
        assertBody("hi", work.received());
        assertEquals(List.of(), home.received());
        assertEquals(List.of(), alice.received());
    }

    @Test
    void deliveredMessageKeepsTheSendersFullJid() { // RFC 6120 §8.1.2.1
        Client bob = available("bob", "home", 0);
        drain(bob);
        alice.send("<message type='chat' to='bob@example.org/home'><body>x</body></message>");
        Element m = bob.received().get(0);
        assertEquals("alice@example.org/phone", m.attribute("from"));
        assertEquals("bob@example.org/home", m.attribute("to"));
    }

    @Test
    void chatToAbsentResourceIsHandledAsBare() { // RFC 6121 §8.5.3.2.1
        Client home = available("bob", "home", 0);
        drain(home);
        alice.send("<message type='chat' to='bob@example.org/gone'><body>hi</body></message>");
        assertBody("hi", home.received());
        assertEquals(List.of(), alice.received());
    }

    @Test
    void groupchatToAbsentResourceIsServiceUnavailable() { // RFC 6121 §8.5.3.2.1
        available("bob", "home", 0);
        alice.send("<message type='groupchat' to='bob@example.org/gone'><body>x</body></message>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(alice.received()));
    }

    @Test
    void iqToAbsentResourceIsServiceUnavailable() { // RFC 6121 §8.5.3.2.2
        available("bob", "home", 0);
        alice.send("<iq type='get' id='q1' to='bob@example.org/gone'><query xmlns='jabber:iq:version'/></iq>");
        List<Element> r = alice.received();
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(r));
        assertEquals("q1", r.get(0).attribute("id"));
        assertEquals("bob@example.org/gone", r.get(0).attribute("from"));
    }

    @Test
    void iqResultToAbsentResourceIsDropped() {
        alice.send("<iq type='result' id='q1' to='bob@example.org/gone'/>");
        assertEquals(List.of(), alice.received());
    }

    @Test
    void iqToOnlineResourceIsDelivered() {
        Client bob = server.login("bob", "home");
        alice.send("<iq type='get' id='v1' to='bob@example.org/home'><query xmlns='jabber:iq:version'/></iq>");
        assertEquals("v1", bob.received().get(0).attribute("id"));
        assertEquals(List.of(), alice.received());
    }

    @Test
    void presenceToAbsentResourceIsDroppedSilently() { // RFC 6121 §8.5.3.2.3
        available("bob", "home", 0);
        alice.send("<presence to='bob@example.org/gone'/>");
        assertEquals(List.of(), alice.received());
    }

    @Test
    void chatToBareGoesToHighestPriority() { // RFC 6121 §8.5.2.1.1
        Client high = available("bob", "high", 10);
        Client low = available("bob", "low", 2);
        drain(high, low);
        alice.send("<message type='chat' to='bob@example.org'><body>hi</body></message>");
        assertBody("hi", high.received());
        assertEquals(List.of(), low.received());
    }

    @Test
    void chatToBareGoesToEveryResourceSharingTheHighestPriority() {
        Client a = available("bob", "a", 3);
        Client b = available("bob", "b", 3);
        Client c = available("bob", "c", 1);
        drain(a, b, c);
        alice.send("<message to='bob@example.org'><body>hi</body></message>");
        assertBody("hi", a.received());
        assertBody("hi", b.received());
        assertEquals(List.of(), c.received());
    }

    @Test
    void negativePriorityResourcesGetNoBareMessages() { // RFC 6121 §4.7.2.3
        Client neg = available("bob", "bot", -1);
        drain(neg);
        alice.send("<message type='chat' to='bob@example.org'><body>hi</body></message>");
        assertEquals(List.of(), neg.received());
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(alice.received()));
    }

    @Test
    void negativePriorityResourceStillGetsMessagesToItsFullJid() {
        Client neg = available("bob", "bot", -5);
        drain(neg);
        alice.send("<message type='chat' to='bob@example.org/bot'><body>hi</body></message>");
        assertBody("hi", neg.received());
    }

    @Test
    void sessionsWithoutAvailablePresenceGetNoBareMessages() { // RFC 6121 §8.5.2.1
        Client bound = server.login("bob", "quiet");
        alice.send("<message type='chat' to='bob@example.org'><body>hi</body></message>");
        assertEquals(List.of(), bound.received());
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(alice.received()));
    }

    @Test
    void headlineToBareGoesToAllNonNegativeResources() { // RFC 6121 §8.5.2.1.1
        Client a = available("bob", "a", 3);
        Client b = available("bob", "b", 0);
        Client c = available("bob", "c", -1);
        drain(a, b, c);
        alice.send("<message type='headline' to='bob@example.org'><body>news</body></message>");
        assertBody("news", a.received());
        assertBody("news", b.received());
        assertEquals(List.of(), c.received());
    }

    @Test
    void headlineToOfflineAccountIsDropped() { // RFC 6121 §8.5.2.2.1
        server.login("bob", "x").logout();
        alice.send("<message type='headline' to='bob@example.org'><body>news</body></message>");
        assertEquals(List.of(), alice.received());
    }

    @Test
    void groupchatToBareIsServiceUnavailable() { // RFC 6121 §8.5.2.1.1
        available("bob", "a", 3);
        alice.send("<message type='groupchat' to='bob@example.org'><body>x</body></message>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(alice.received()));
    }

    @Test
    void chatToOfflineAccountIsServiceUnavailableWithoutOfflineStorage() { // RFC 6121 §8.5.2.2.1
        server.login("bob", "x").logout();
        alice.send("<message type='chat' id='m1' to='bob@example.org'><body>later</body></message>");
        List<Element> r = alice.received();
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(r));
        assertEquals("m1", r.get(0).attribute("id"));
        assertEquals("bob@example.org", r.get(0).attribute("from"));
    }

    @Test
    void chatToOfflineAccountGoesToOfflineStorageWhenThereIsOne() {
        server.offlineStorage = true;
        server.login("bob", "x").logout();
        alice.send("<message type='chat' to='bob@example.org/x'><body>later</body></message>");
        assertEquals(List.of(), alice.received());
        assertEquals(1, server.stored.size());
        assertEquals("bob@example.org", server.stored.get(0).to().toString());
    }

    @Test
    void messageToUnknownUserIsServiceUnavailable() { // RFC 6121 §8.5.1
        alice.send("<message to='nobody@example.org'><body>x</body></message>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(alice.received()));
    }

    @Test
    void presenceToUnknownUserIsDropped() { // RFC 6121 §8.5.1
        alice.send("<presence to='nobody@example.org'/>");
        assertEquals(List.of(), alice.received());
    }

    @Test
    void iqToUnknownUserIsServiceUnavailable() { // RFC 6121 §8.5.1
        alice.send("<iq type='get' id='i' to='nobody@example.org'><query xmlns='jabber:iq:version'/></iq>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(alice.received()));
    }

    @Test
    void iqToAnotherAccountsBareJidWithUnknownPayloadIsServiceUnavailable() { // RFC 6120 §10.5.3.3
        Client bob = available("bob", "a", 0);
        drain(bob);
        alice.send("<iq type='get' id='i' to='bob@example.org'><query xmlns='urn:example:unknown'/></iq>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(alice.received()));
        assertEquals(List.of(), bob.received());
    }

    @Test
    void errorsAreNeverAnsweredWithErrors() { // RFC 6120 §8.3.1
        alice.send("<message type='error' to='nobody@example.org'><error type='cancel'>"
                + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
        alice.send("<message type='error' to='someone@elsewhere.test'/>");
        alice.send("<iq type='error' id='e' to='example.org'/>");
        alice.send("<iq type='error' id='e2' to='nobody@example.org/x'/>");
        assertEquals(List.of(), alice.received());
    }

    @Test
    void otherDomainsAreRemoteServerNotFound() { // RFC 6120 §10.4.3, until s2s exists
        alice.send("<message to='carol@elsewhere.test'><body>x</body></message>");
        assertEquals(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND, onlyError(alice.received()));
        alice.send("<iq type='get' id='r' to='elsewhere.test'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND, onlyError(alice.received()));
    }

    @Test
    void messageWithoutToGoesToTheSendersBareJid() { // RFC 6120 §10.3.1
        Client other = available("alice", "laptop", 1);
        drain(other, alice);
        alice.send("<message type='chat'><body>note to self</body></message>");
        assertBody("note to self", other.received());
        other.logout();
        alice.send("<presence><priority>-1</priority></presence>");
        alice.received();
        alice.send("<message type='chat' id='n'><body>nobody</body></message>");
        List<Element> r = alice.received();
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(r));
        assertEquals("alice@example.org", r.get(0).attribute("from"));
    }

    @Test
    void iqRequestWithoutExactlyOnePayloadIsBadRequest() { // RFC 6120 §8.2.3
        alice.send("<iq type='get' id='b1' to='example.org'/>");
        assertEquals(StanzaErrorCondition.BAD_REQUEST, onlyError(alice.received()));
        alice.send("<iq type='get' id='b2' to='example.org'><ping xmlns='urn:xmpp:ping'/>"
                + "<query xmlns='jabber:iq:version'/></iq>");
        assertEquals(StanzaErrorCondition.BAD_REQUEST, onlyError(alice.received()));
        Client bob = server.login("bob", "b");
        alice.send("<iq type='set' id='b3' to='bob@example.org/b'/>");
        assertEquals(StanzaErrorCondition.BAD_REQUEST, onlyError(alice.received()));
        assertEquals(List.of(), bob.received());
    }

    @Test
    void iqResultsToTheServerGetNoReply() {
        alice.send("<iq type='result' id='r1' to='example.org'/>");
        alice.send("<iq type='result' id='r2'/>");
        assertEquals(List.of(), alice.received());
    }

    @Test
    void messageToTheServerIsServiceUnavailable() {
        alice.send("<message to='example.org'><body>x</body></message>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(alice.received()));
    }

    @Test
    void streamThatIsGoneCountsAsAbsent() {
        Client bob = available("bob", "home", 0);
        bob.channel.drop();
        alice.send("<message type='chat' to='bob@example.org'><body>x</body></message>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(alice.received()));
    }

    @Test
    void unknownPresenceTypeIsBadRequest() {
        alice.send("<presence type='dancing'/>");
        assertEquals(StanzaErrorCondition.BAD_REQUEST, onlyError(alice.received()));
    }

    @Test
    void highestPrioritySkipsUnavailableAndNegativeAndKeepsTies() {
        ChannelId ch = new ChannelId("n", "c");
        SessionRecord unavailable = new SessionRecord("u", ch, "tcp", "-", 0, false, 50);
        SessionRecord negative = new SessionRecord("n", ch, "tcp", "-", 0, true, -1);
        SessionRecord one = new SessionRecord("a", ch, "tcp", "-", 0, true, 7);
        SessionRecord two = new SessionRecord("b", ch, "tcp", "-", 0, true, 7);
        SessionRecord lower = new SessionRecord("c", ch, "tcp", "-", 0, true, 6);
        assertEquals(List.of(one, two),
                Delivery.highestPriority(List.of(unavailable, lower, one, negative, two)));
        assertEquals(List.of(), Delivery.highestPriority(List.of(unavailable, negative)));
    }

    @Test
    void sessionsOfOtherNodesAreReachedThroughRemoteSessions() { // architecture invariant 7
        Client local = available("bob", "local", 1);
        drain(local);
        server.registry.table().put(Jid.of("bob@example.org"), new SessionRecord("far",
                new ChannelId("node2", "x"), "tcp", "-", 0, true, 5));
        alice.send("<message type='chat' to='bob@example.org'><body>hi</body></message>");
        assertEquals(1, server.remoteDeliveries.size());
        assertEquals(List.of(), local.received());

        server.remoteAccepts = false; // that node does not answer: the resource counts as absent
        alice.send("<iq type='get' id='r' to='bob@example.org/far'><ping xmlns='urn:xmpp:ping'/></iq>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(alice.received()));
        assertEquals(2, server.remoteDeliveries.size());
    }

    @Test
    void staleRecordOfThisNodeCountsAsAbsent() {
        server.registry.table().put(Jid.of("bob@example.org"), new SessionRecord("old",
                new ChannelId("node1", "gone"), "tcp", "-", 0, true, 5));
        alice.send("<message type='chat' to='bob@example.org'><body>hi</body></message>");
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, onlyError(alice.received()));
        assertEquals(List.of(), server.remoteDeliveries);
    }
}

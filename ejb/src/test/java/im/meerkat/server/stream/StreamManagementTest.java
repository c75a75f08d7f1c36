package im.meerkat.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** XEP-0198 stream management and XEP-0352 client state indication on the stream state machine. */
class StreamManagementTest extends StreamFixture {

    static final String SM = "urn:xmpp:sm:3";

    /** Logged in as alice, features after authentication received, nothing bound. */
    FakeChannel authenticated() {
        FakeChannel c = atAuth(TLS);
        send(c, "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + b64("\0alice\0correct horse") + "</auth>");
        assertEquals("success", c.only().localName());
        service.header(c.id, header(), TLS);
        c.only();
        assertEquals(StreamState.AWAIT_BIND, state(c));
        return c;
    }

    /** Bound, with stream management enabled (and resumption when asked); returns the id, if any. */
    String enable(FakeChannel c, String attributes) {
        send(c, "<enable xmlns='" + SM + "' " + attributes + "/>");
        Element enabled = c.only();
        assertTrue(enabled.is(SM, "enabled"), enabled.toString());
        return enabled.attribute("id");
    }

    SessionChannel session(int n) {
        return (SessionChannel) sessions.channels.get(n);
    }

    static Element message(int n) {
        return xml("<message xmlns='jabber:client' from='bob@example.org/b' to='alice@example.org/laptop' id='m"
                + n + "'><body>" + n + "</body></message>");
    }

    void runScheduled() {
        List<Scheduled> tasks = List.copyOf(scheduled);
        scheduled.clear();
        tasks.forEach(t -> t.task().run());
    }

    static void assertFailed(Element e, String condition) {
        assertTrue(e.is(SM, "failed"), e.toString());
        assertTrue(e.hasChild(XmlName.of(Namespaces.STANZA_ERRORS, condition)), e.toString());
    }

    @Test
    void section2FeaturesAfterAuthenticationOfferSmAndCsi() {
        FakeChannel c = atAuth(TLS);
        send(c, "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + b64("\0alice\0correct horse") + "</auth>");
        c.only();
        service.header(c.id, header(), TLS);
        Element features = c.only();
        assertTrue(features.hasChild(XmlName.of(SM, "sm")));
        assertTrue(features.hasChild(XmlName.of("urn:xmpp:csi:0", "csi")));
        // XEP-0115 §6.3: the server's own capabilities
        assertEquals(java.util.Optional.of(StreamFixture.SERVER_CAPS),
                features.child(XmlName.of("http://jabber.org/protocol/caps", "c")));
    }

    @Test
    void section3EnableBeforeBindFailsWithUnexpectedRequestAndTheStreamStays() {
        FakeChannel c = authenticated();
        send(c, "<enable xmlns='" + SM + "'/>");
        assertFailed(c.only(), "unexpected-request");
        assertEquals(StreamState.AWAIT_BIND, state(c));
        assertFalse(c.closed);
    }

    @Test
    void section3EnableTwiceFails() {
        FakeChannel c = bound();
        assertNull(enable(c, ""), "no id without resumption");
        send(c, "<enable xmlns='" + SM + "'/>");
        assertFailed(c.only(), "unexpected-request");
    }

    @Test
    void section3ResumptionTimeoutIsTheLesserOfTheClientsMaxAndTheServers() {
        FakeChannel c = bound();
        send(c, "<enable xmlns='" + SM + "' resume='true' max='7'/>");
        Element enabled = c.only();
        assertEquals("true", enabled.attribute("resume"));
        assertEquals("7", enabled.attribute("max"));
        assertTrue(enabled.attribute("id").length() >= 20, "unguessable id");
        FakeChannel d = bound();
        send(d, "<enable xmlns='" + SM + "' resume='1' max='100000'/>");
        assertEquals("300", d.only().attribute("max"));
    }

    @Test
    void section4RequestIsAnsweredWithTheCountOfHandledStanzas() {
        FakeChannel c = bound();
        send(c, "<message xmlns='jabber:client' to='bob@example.org'/>"); // before enable: not counted
        enable(c, "");
        send(c, "<r xmlns='" + SM + "'/>");
        assertEquals("0", c.only().attribute("h"));
        send(c, "<message xmlns='jabber:client' to='bob@example.org'/>");
        send(c, "<presence xmlns='jabber:client'/>");
        send(c, "<iq xmlns='jabber:client' type='get' id='p'><ping xmlns='urn:xmpp:ping'/></iq>");
        send(c, "<r xmlns='" + SM + "'/>");
        Element a = c.only();
        assertTrue(a.is(SM, "a"));
        assertEquals("3", a.attribute("h"));
    }

    @Test
    void section4ServerCountsOutboundStanzasRequestsAcksAndDropsAcknowledgedOnes() {
        FakeChannel c = bound();
        enable(c, "");
        SessionChannel s = session(0);
        for (int i = 1; i <= 5; i++) {
            s.send(message(i));
        }
        assertEquals(6, c.sent.size(), "five messages and a request");
        assertTrue(c.last().is(SM, "r"));
        c.sent.clear();
        assertEquals(5, s.unackedCount());
        send(c, "<a xmlns='" + SM + "' h='3'/>");
        assertEquals(2, s.unackedCount());
        assertFalse(c.closed);
    }

    @Test
    void section4HandledCountTooHighIsAStreamError() {
        FakeChannel c = bound();
        enable(c, "");
        session(0).send(message(1));
        send(c, "<a xmlns='" + SM + "' h='2'/>");
        assertStreamError(c, StreamErrorCondition.UNDEFINED_CONDITION);
        Element app = c.closeError.application();
        assertNotNull(app);
        assertTrue(app.is(SM, "handled-count-too-high"));
        assertEquals("2", app.attribute("h"));
        assertEquals("1", app.attribute("send-count"));
        assertTrue(c.closeError.toElement().hasChild(XmlName.of(SM, "handled-count-too-high")));
        assertEquals(List.of(c.id), sessions.unbound);
    }

    @Test
    void section5LostConnectionKeepsTheSessionAndResumptionResendsWhatWasNotAcknowledged() {
        FakeChannel c = bound();
        String id = enable(c, "resume='true'");
        SessionChannel s = session(0);
        s.send(message(1));
        s.send(message(2));
        send(c, "<message xmlns='jabber:client' to='bob@example.org'/>");
        send(c, "<a xmlns='" + SM + "' h='1'/>");
        service.closed(c.id);
        assertTrue(sessions.unbound.isEmpty(), "the session stays bound");
        assertEquals(1, service.detachedSessions());
        assertEquals(1, scheduled.size(), "the resumption timeout");
        assertEquals(Duration.ofSeconds(300), scheduled.get(0).delay());
        assertTrue(s.send(message(3)), "queued while detached");

        FakeChannel d = authenticated();
        send(d, "<resume xmlns='" + SM + "' previd='" + id + "' h='1'/>");
        assertEquals(StreamState.BOUND, state(d));
        Element resumed = d.sent.get(0);
        assertTrue(resumed.is(SM, "resumed"), resumed.toString());
        assertEquals(id, resumed.attribute("previd"));
        assertEquals("1", resumed.attribute("h"), "the server handled one stanza");
        assertEquals(List.of(message(2), message(3)), d.sent.subList(1, 3));
        assertEquals(0, service.detachedSessions());

        runScheduled(); // the old timeout fires late and finds the session attached
        assertTrue(sessions.unbound.isEmpty());
        d.sent.clear();
        s.send(message(4));
        assertEquals(message(4), d.only());
        send(d, "<message xmlns='jabber:client' to='bob@example.org'/>");
        send(d, "<r xmlns='" + SM + "'/>");
        assertEquals("2", d.only().attribute("h"), "h goes on from the first stream");
        assertEquals(2, sessions.received.size());
        assertEquals("alice@example.org/laptop", sessions.received.get(1).from().toString());
    }

    @Test
    void section5ResumptionWithAnUnknownIdFailsAndTheStreamMayStillBind() {
        FakeChannel c = bound();
        String id = enable(c, "resume='true'");
        service.closed(c.id);
        FakeChannel d = authenticated();
        send(d, "<resume xmlns='" + SM + "' previd='" + id + "x' h='0'/>");
        assertFailed(d.only(), "item-not-found");
        assertEquals(StreamState.AWAIT_BIND, state(d));
        assertEquals(1, service.detachedSessions(), "the real session is untouched");
        FakeChannel e = authenticated();
        send(e, "<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
        assertTrue(e.only().is(SM, "resumed"));
        send(d, "<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns='" + Namespaces.BIND + "'/></iq>");
        assertEquals(StreamState.BOUND, state(d));
    }

    @Test
    void section5AnotherAccountCannotResume() throws Exception {
        accounts.create(im.meerkat.xmpp.jid.Jid.of("mallory@example.org"), "pass word");
        FakeChannel c = bound();
        String id = enable(c, "resume='true'");
        service.closed(c.id);
        FakeChannel m = atAuth(TLS);
        send(m, "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + b64("\0mallory\0pass word") + "</auth>");
        assertEquals("success", m.only().localName());
        service.header(m.id, header(), TLS);
        m.only();
        send(m, "<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
        assertFailed(m.only(), "item-not-found");
        assertEquals(1, service.detachedSessions());
    }

    @Test
    void section5ResumingWhileTheOldConnectionIsOpenClosesTheOldOne() {
        FakeChannel c = bound();
        String id = enable(c, "resume='true'");
        FakeChannel d = authenticated();
        send(d, "<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
        assertTrue(d.only().is(SM, "resumed"));
        assertStreamError(c, StreamErrorCondition.CONFLICT);
        service.closed(c.id);
        assertTrue(sessions.unbound.isEmpty(), "the session lives on the new connection");
        assertEquals(StreamState.BOUND, state(d));
    }

    @Test
    void section5TimeoutEndsTheSessionAndUnacknowledgedMessagesAreUndeliveredWithADelay() {
        FakeChannel c = bound();
        enable(c, "resume='true' max='5'");
        SessionChannel s = session(0);
        s.send(message(1));
        s.send(xml("<presence xmlns='jabber:client' from='bob@example.org/b' to='alice@example.org/laptop'/>"));
        service.closed(c.id);
        s.send(message(2));
        assertEquals(Duration.ofSeconds(5), scheduled.get(0).delay());
        runScheduled();
        assertEquals(List.of(c.id), sessions.unbound);
        assertEquals(3, sessions.undelivered.size(), "the presence too: the session layer drops it");
        Element first = sessions.undelivered.get(0);
        assertEquals("m1", first.attribute("id"));
        Element delay = first.child(XmlName.of("urn:xmpp:delay", "delay")).orElseThrow();
        assertEquals("example.org", delay.attribute("from"));
        assertNotNull(delay.attribute("stamp"));
        assertFalse(s.send(message(3)), "an ended session takes nothing more");
        FakeChannel d = authenticated();
        send(d, "<resume xmlns='" + SM + "' previd='x' h='0'/>");
        assertFailed(d.only(), "item-not-found");
    }

    @Test
    void cleanCloseWithUnacknowledgedStanzasHandsThemOver() {
        FakeChannel c = bound();
        enable(c, "resume='true'");
        session(0).send(message(1));
        service.peerClosed(c.id);
        service.closed(c.id);
        assertEquals(List.of(c.id), sessions.unbound);
        assertEquals(1, sessions.undelivered.size());
        assertEquals(0, service.detachedSessions());
    }

    @Test
    void withoutResumptionALostConnectionEndsTheSession() {
        FakeChannel c = bound();
        enable(c, "");
        session(0).send(message(1));
        service.closed(c.id);
        assertEquals(List.of(c.id), sessions.unbound);
        assertEquals(1, sessions.undelivered.size());
    }

    @Test
    void resumptionCanBeDisabled() {
        settings.put("meerkat.sm.resume-timeout", "0");
        service = null;
        FakeChannel c = bound();
        assertNull(enable(c, "resume='true'"));
    }

    @Test
    void boshSessionsAreNotResumable() {
        FakeChannel c = bound();
        c.transport = "bosh";
        assertNull(enable(c, "resume='true'"), "acknowledgements only");
        session(0).send(message(1));
        assertEquals(1, session(0).unackedCount());
    }

    @Test
    void tooManyUnacknowledgedStanzasEndTheStreamWithPolicyViolation() {
        settings.put("meerkat.sm.max-unacked", "3");
        FakeChannel c = bound();
        enable(c, "");
        SessionChannel s = session(0);
        for (int i = 1; i <= 4; i++) {
            assertTrue(s.send(message(i)));
        }
        assertFalse(c.closed, "ended on another thread");
        runScheduled();
        assertStreamError(c, StreamErrorCondition.POLICY_VIOLATION);
        assertEquals(List.of(c.id), sessions.unbound);
        assertEquals(4, sessions.undelivered.size());
    }

    @Test
    void endingTheSessionFromOutsideHandsOverTheUnacknowledgedStanzas() {
        FakeChannel c = bound();
        enable(c, "resume='true'");
        SessionChannel s = session(0);
        s.send(message(1));
        s.close(im.meerkat.xmpp.error.StreamError.of(StreamErrorCondition.CONFLICT));
        assertStreamError(c, StreamErrorCondition.CONFLICT);
        assertEquals(1, sessions.undelivered.size());
        service.closed(c.id);
        assertEquals(0, service.detachedSessions(), "a session ended from outside is not resumable");
    }

    @Test
    void shutdownEndsDetachedSessions() {
        FakeChannel c = bound();
        enable(c, "resume='true'");
        service.closed(c.id);
        session(0).send(message(1));
        service.shutdown();
        assertEquals(List.of(c.id), sessions.unbound);
        assertEquals(1, sessions.undelivered.size());
    }

    @Test
    void aSessionSentToAnotherMemberStaysResumableAndKeepsWhatIsRoutedToIt() {
        FakeChannel c = bound();
        String id = enable(c, "resume='true'");
        assertNotNull(id);
        SessionChannel s = session(0);
        s.send(message(1));
        int ended = service.endAll(transport -> StreamError.seeOtherHost("127.0.0.1:5322"), true);
        assertEquals(1, ended);
        assertStreamError(c, StreamErrorCondition.SEE_OTHER_HOST);
        assertTrue(sessions.unbound.isEmpty(), "the session waits for its client");
        assertEquals(1, service.detachedSessions());
        assertTrue(s.send(message(2)), "queued while its client moves");

        // The member the client reconnected to takes the session over (ClusterResumption)
        SessionChannel.HandedOver taken = s.handOver();
        assertEquals(List.of(message(1), message(2)),
                taken.unacked().stream().map(UnackedQueue.Unacked::stanza).toList(), "in the order routed");
        StreamService.Moves moves = service.finishMoves(Duration.ZERO);
        assertEquals(new StreamService.Moves(1, 0), moves);
        assertTrue(sessions.unbound.isEmpty());
    }

    @Test
    void aMovedSessionNotResumedInTimeEndsAndItsStanzasAreUndelivered() {
        FakeChannel c = bound();
        enable(c, "resume='true'");
        session(0).send(message(1));
        service.endAll(transport -> StreamError.seeOtherHost("127.0.0.1:5322"), true);
        session(0).send(message(2));
        StreamService.Moves moves = service.finishMoves(Duration.ofMillis(50));
        assertEquals(new StreamService.Moves(1, 1), moves);
        assertEquals(List.of(c.id), sessions.unbound);
        assertEquals(2, sessions.undelivered.size());
        assertEquals(0, service.detachedSessions());
    }

    @Test
    void aMoveWithoutResumptionEndsTheSessionWithItsStream() {
        FakeChannel c = bound();
        enable(c, "");
        session(0).send(message(1));
        service.endAll(transport -> StreamError.seeOtherHost("127.0.0.1:5322"), true);
        assertStreamError(c, StreamErrorCondition.SEE_OTHER_HOST);
        assertEquals(List.of(c.id), sessions.unbound);
        assertEquals(1, sessions.undelivered.size());
        assertEquals(new StreamService.Moves(0, 0), service.finishMoves(Duration.ofSeconds(5)));
    }

    @Test
    void aMoveWithNoMemberToGoToEndsResumableSessionsToo() {
        FakeChannel c = bound();
        enable(c, "resume='true'");
        service.endAll(transport -> StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN), false);
        assertStreamError(c, StreamErrorCondition.SYSTEM_SHUTDOWN);
        assertEquals(List.of(c.id), sessions.unbound);
        assertEquals(0, service.detachedSessions());
    }

    @Test
    void xep0352InactiveClientGetsPresenceOnlyWhenActiveOrBeforeAMessage() {
        FakeChannel c = bound();
        c.sent.clear();
        SessionChannel s = session(0);
        send(c, "<inactive xmlns='urn:xmpp:csi:0'/>");
        Element p1 = xml("<presence xmlns='jabber:client' from='bob@example.org/b'><show>away</show></presence>");
        Element p2 = xml("<presence xmlns='jabber:client' from='bob@example.org/b'/>");
        Element p3 = xml("<presence xmlns='jabber:client' from='carol@example.org/c'/>");
        Element sub = xml("<presence xmlns='jabber:client' from='dave@example.org' type='subscribe'/>");
        s.send(p1);
        s.send(p2);
        s.send(p3);
        assertTrue(c.sent.isEmpty());
        s.send(sub);
        assertEquals(List.of(p2, p3, sub), c.sent, "a subscription request is not held; held presence goes first");
        c.sent.clear();
        s.send(p1);
        s.send(message(1));
        assertEquals(List.of(p1, message(1)), c.sent);
        c.sent.clear();
        s.send(p3);
        send(c, "<active xmlns='urn:xmpp:csi:0'/>");
        assertEquals(List.of(p3), c.sent);
        c.sent.clear();
        s.send(p2);
        assertEquals(List.of(p2), c.sent);
    }

    @Test
    void xep0352StateSentBeforeBindingApplies() {
        FakeChannel c = authenticated();
        send(c, "<inactive xmlns='urn:xmpp:csi:0'/>");
        send(c, "<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns='" + Namespaces.BIND + "'/></iq>");
        c.sent.clear();
        session(0).send(xml("<presence xmlns='jabber:client' from='bob@example.org/b'/>"));
        assertTrue(c.sent.isEmpty());
        assertEquals(1, session(0).heldPresence());
    }
}

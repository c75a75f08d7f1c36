package im.meerkat.web.bosh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.web.websocket.RecordingStreamService;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A BOSH session without a container: XEP-0124 §7-§14 and XEP-0206 over a scripted stream. */
class BoshSessionTest {

    private static final XmlDocumentParser PARSER = new XmlDocumentParser(ParserLimits.DEFAULT);
    private static final XmlName FEATURES = XmlName.of(Namespaces.STREAMS, "features");
    private static final long RID = 1000;

    private final Stream service = new Stream();
    private final ManualTimers timers = new ManualTimers();
    private boolean removed;
    private BoshSession session;

    /** Answers headers with our header and features, echoes messages, closes on peerClosed. */
    static final class Stream extends RecordingStreamService {
        @Override
        public synchronized void header(ChannelId id, StreamHeader header, TransportSecurity s) {
            super.header(id, header, s);
            transport.openStream(StreamHeader.response("example.org", null, "stream-" + headers.size(), "en"));
            channel.send(Element.empty(FEATURES));
        }

        @Override
        public synchronized void element(ChannelId id, Element element) {
            super.element(id, element);
            if ("echo".equals(element.attribute("id"))) {
                channel.send(element);
            }
        }

        @Override
        public synchronized void peerClosed(ChannelId id) {
            super.peerClosed(id);
            channel.close(null);
        }
    }

    private RecordingExchange create(String attributes) throws Exception {
        BoshRequest creation = request("<body xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh'"
                + " rid='" + RID + "' to='example.org' xmpp:version='1.0' ver='1.6' " + attributes + "/>");
        BoshSettings settings = new BoshSettings(Map.of("meerkat.bosh.maxpause", "120", "meerkat.bosh.inactivity", "30")::get);
        session = new BoshSession("sid1", new ChannelId("n1", "bosh-1"), null, true, creation,
                BoshParams.negotiate(creation, settings), service, timers, () -> removed = true);
        RecordingExchange ex = new RecordingExchange();
        session.start(ex);
        return ex;
    }

    private static BoshRequest request(String xml) throws Exception {
        return BoshRequest.of(PARSER.parse(xml));
    }

    private RecordingExchange send(long rid, String attributes, String payload) throws Exception {
        RecordingExchange ex = new RecordingExchange();
        session.handle(request("<body xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh' sid='sid1' rid='"
                + rid + "' " + attributes + ">" + payload + "</body>"), ex);
        return ex;
    }

    private static String message(String id) {
        return "<message xmlns='jabber:client' id='" + id + "' to='b@example.org'><body>x</body></message>";
    }

    @Test
    void creationAnswerCarriesTheSessionAttributesAndFeatures() throws Exception {
        RecordingExchange ex = create("wait='300' hold='5'");
        assertTrue(ex.answered(), "§7.1: the creation request is answered at once with the features");
        Element body = ex.parsed();
        assertEquals("sid1", body.attribute("sid"));
        assertEquals("60", body.attribute("wait"), "§7.2: wait capped by the server");
        assertEquals("1", body.attribute("hold"), "hold capped by the server");
        assertEquals("2", body.attribute("requests"));
        assertEquals("30", body.attribute("inactivity"));
        assertEquals("120", body.attribute("maxpause"));
        assertEquals("1.6", body.attribute("ver"), "§7.2: the lower version");
        assertEquals("example.org", body.attribute("from"));
        assertEquals("stream-1", body.attribute("authid"));
        assertEquals("1.0", body.attribute(XmlName.of(BoshRequest.XBOSH, "version")), "XEP-0206 §5");
        assertTrue(body.elements().get(0).is(FEATURES));
        StreamHeader header = service.headers.get(0);
        assertEquals("example.org", header.to());
        assertEquals("1.0", header.version());
        assertEquals(Namespaces.CLIENT, header.contentNamespace());
        assertTrue(service.security.get(0).encrypted());
    }

    @Test
    void heldRequestIsAnsweredEmptyWhenWaitRunsOut() throws Exception {
        create("wait='10' hold='1'");
        RecordingExchange ex = send(RID + 1, "", "");
        assertFalse(ex.answered(), "§7.3: held while there is nothing to send");
        timers.advance(Duration.ofSeconds(9));
        assertFalse(ex.answered());
        timers.advance(Duration.ofSeconds(1));
        assertTrue(ex.answered());
        assertTrue(ex.parsed().elements().isEmpty());
    }

    @Test
    void outboundStanzaAnswersTheHeldRequest() throws Exception {
        create("wait='60' hold='1'");
        RecordingExchange held = send(RID + 1, "", "");
        RecordingExchange echo = send(RID + 2, "", message("echo"));
        assertTrue(held.answered(), "§7.3: more than hold requests: the oldest is answered");
        assertTrue(held.parsed().elements().get(0).is(Namespaces.CLIENT, "message"), "the echo goes on the oldest");
        assertFalse(echo.answered());
    }

    @Test
    void outOfOrderRequestsAreProcessedInRidOrder() throws Exception {
        create("wait='60' hold='1'");
        RecordingExchange second = send(RID + 2, "", message("two"));
        assertTrue(service.elements.isEmpty(), "§14.2: waits for rid " + (RID + 1));
        send(RID + 1, "", message("one"));
        assertEquals(List.of("one", "two"), service.elements.stream().map(e -> e.attribute("id")).toList());
        assertFalse(second.answered());
    }

    @Test
    void repeatedRidGetsTheSameAnswer() throws Exception {
        create("wait='60' hold='1'");
        RecordingExchange first = send(RID + 1, "", "");
        send(RID + 2, "", message("echo"));
        RecordingExchange again = send(RID + 1, "", "");
        assertEquals(first.body, again.body, "§14.3: the cached answer");
        assertEquals(1, service.elements.size(), "the repeated request is not processed again");
    }

    @Test
    void ridBeyondTheWindowIsItemNotFoundAndEndsTheSession() throws Exception {
        create("wait='60' hold='1'");
        RecordingExchange held = send(RID + 1, "", "");
        RecordingExchange far = send(RID + 5, "", "");
        assertEquals("terminate", far.parsed().attribute("type"));
        assertEquals("item-not-found", far.parsed().attribute("condition"), "§14.1");
        assertEquals("terminate", held.parsed().attribute("type"), "held requests end too");
        timers.runDue();
        assertTrue(service.calls.contains("closed"));
    }

    @Test
    void retryOfAWaitingRequestReplacesIt() throws Exception {
        create("wait='60' hold='1'");
        RecordingExchange early = send(RID + 2, "", message("two"));
        RecordingExchange again = send(RID + 2, "", message("two"));
        assertFalse(early.answered());
        assertFalse(again.answered(), "a retry of a waiting request replaces it: no overactivity");
        RecordingExchange first = send(RID + 1, "", message("echo"));
        assertEquals(List.of("echo", "two"), service.elements.stream().map(e -> e.attribute("id")).toList(),
                "each processed once, in rid order");
        assertTrue(first.answered(), "the echo answers the oldest held request");
    }

    @Test
    void overactivityWithAWindowOfTwo() throws Exception {
        create("wait='60' hold='1'");
        send(RID + 1, "", ""); // held
        RecordingExchange early = send(RID + 3, "", ""); // waits for rid+2: two open
        assertFalse(early.answered());
        RecordingExchange more = send(RID + 2, "", ""); // in order, but two are already open
        assertEquals("policy-violation", more.parsed().attribute("condition"), "§11: more than 'requests' at once");
    }

    @Test
    void pollingTooOftenIsPolicyViolation() throws Exception {
        create("wait='60' hold='0'");
        RecordingExchange first = send(RID + 1, "", "");
        assertTrue(first.answered(), "hold 0: answered at once");
        RecordingExchange second = send(RID + 2, "", "");
        assertEquals("policy-violation", second.parsed().attribute("condition"), "§11: empty polls closer than 'polling'");
    }

    @Test
    void terminateEndsTheStreamAndAnswersTerminate() throws Exception {
        create("wait='60' hold='1'");
        RecordingExchange held = send(RID + 1, "", "");
        RecordingExchange bye = send(RID + 2, "type='terminate'", "<presence xmlns='jabber:client' type='unavailable'/>");
        assertTrue(held.answered());
        assertEquals("terminate", bye.parsed().attribute("type"), "§13");
        assertEquals(List.of("element:presence", "peerClosed", "closed"),
                service.calls.subList(service.calls.size() - 3, service.calls.size()), "closed once, last");
        timers.runDue();
        assertEquals(1, service.calls.stream().filter("closed"::equals).count());
        assertTrue(removed);
        RecordingExchange late = send(RID + 3, "", "");
        assertEquals("item-not-found", late.parsed().attribute("condition"));
    }

    @Test
    void restartSendsANewHeader() throws Exception {
        create("wait='60' hold='1'");
        RecordingExchange restart = send(RID + 1, "to='example.org' xml:lang='en' xmpp:restart='true'", "");
        assertEquals(2, service.headers.size(), "XEP-0206 §5: a new stream");
        assertEquals("1.0", service.headers.get(1).version());
        assertTrue(restart.parsed().elements().get(0).is(FEATURES));
        assertEquals(null, restart.parsed().attribute("sid"), "only the creation answer has session attributes");
    }

    @Test
    void pauseAnswersHeldRequestsAndStretchesInactivity() throws Exception {
        create("wait='60' hold='1'");
        RecordingExchange held = send(RID + 1, "", "");
        RecordingExchange pause = send(RID + 2, "pause='100'", "");
        assertTrue(held.answered());
        assertTrue(pause.answered(), "§10: every held request is answered");
        timers.advance(Duration.ofSeconds(60));
        assertFalse(service.calls.contains("closed"), "inactivity is the pause now");
        timers.advance(Duration.ofSeconds(41));
        assertTrue(service.calls.contains("closed"));
    }

    @Test
    void pauseAboveMaxpauseIsPolicyViolation() throws Exception {
        create("wait='60' hold='1'");
        RecordingExchange pause = send(RID + 1, "pause='500'", "");
        assertEquals("policy-violation", pause.parsed().attribute("condition"));
    }

    @Test
    void inactivityEndsTheSession() throws Exception {
        create("wait='10' hold='1'");
        timers.advance(Duration.ofSeconds(29));
        assertFalse(service.calls.contains("closed"));
        timers.advance(Duration.ofSeconds(1));
        assertEquals(1, service.calls.stream().filter("closed"::equals).count(), "closed exactly once");
        assertTrue(removed);
    }

    @Test
    void heldRequestKeepsTheSessionAlive() throws Exception {
        create("wait='60' hold='1'");
        send(RID + 1, "", "");
        timers.advance(Duration.ofSeconds(59));
        assertFalse(service.calls.contains("closed"), "a held request is no inactivity");
    }

    @Test
    void streamErrorIsRemoteStreamError() throws Exception {
        create("wait='60' hold='1'");
        RecordingExchange held = send(RID + 1, "", "");
        session.close(StreamError.of(StreamErrorCondition.CONFLICT, "replaced"));
        Element body = held.parsed();
        assertEquals("terminate", body.attribute("type"));
        assertEquals("remote-stream-error", body.attribute("condition"), "XEP-0206 §7");
        assertEquals(StreamErrorCondition.CONFLICT, StreamError.fromElement(body.elements().get(0)).condition());
        assertFalse(session.send(Element.empty(XmlName.of(Namespaces.CLIENT, "message"))));
        assertEquals("closed", service.calls.get(service.calls.size() - 1), "the stream service learns it at once");
        timers.runDue();
        assertEquals(1, service.calls.stream().filter("closed"::equals).count(), "closed exactly once");
    }

    @Test
    void streamErrorWithNoRequestHeldWaitsForTheNextOne() throws Exception {
        create("wait='60' hold='1'");
        session.close(StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN, null));
        RecordingExchange next = send(RID + 1, "", "");
        assertEquals("remote-stream-error", next.parsed().attribute("condition"));
        assertTrue(removed);
    }

    @Test
    void versionIsTheLowerOne() {
        assertEquals("1.6", BoshBodies.version("1.6"));
        assertEquals("1.11", BoshBodies.version("1.12"));
        assertEquals("1.11", BoshBodies.version("2.0"));
        assertEquals("1.11", BoshBodies.version(null));
    }
}

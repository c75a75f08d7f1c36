package im.meerkat.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.sasl.ChannelBinding;
import im.meerkat.server.sasl.SaslMechanisms;
import im.meerkat.server.sasl.ScramAlgorithm;
import im.meerkat.server.sasl.ScramClient;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client stream state machine over a fake channel, a fake session manager and in-memory
 * accounts: header checks (RFC 6120 §4.7, §4.9), STARTTLS (§5), SASL (§6), binding (§7) and the
 * hand-over of stanzas (§8.1.2.1).
 */
class StreamServiceTest {

    static final byte[] END_POINT = "server certificate hash".getBytes(StandardCharsets.UTF_8);
    static final TransportSecurity TLS = new TransportSecurity(true, "TLSv1.3", "TLS_AES_128_GCM_SHA256",
            Map.of(ChannelBinding.TLS_SERVER_END_POINT, END_POINT));
    static final TransportSecurity TLS_NO_BINDING = new TransportSecurity(true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", Map.of());
    static final XmlDocumentParser PARSER = new XmlDocumentParser(ParserLimits.DEFAULT);
    static final String SASL = Namespaces.SASL;

    record Scheduled(Runnable task, Duration delay) {
    }

    final FakeAccounts accounts = new FakeAccounts();
    final FakeSessions sessions = new FakeSessions();
    final List<Scheduled> scheduled = new ArrayList<>();
    final Map<String, String> settings = new HashMap<>(Map.of("meerkat.domain", "example.org"));
    final AtomicInteger ids = new AtomicInteger();
    StreamService service;

    @BeforeEach
    void accounts() throws Exception {
        accounts.create(Jid.of("alice@example.org"), "correct horse");
    }

    FakeChannel connect(boolean startTls) {
        service = new StreamService(new StreamEnvironment(new ServerConfig(settings::get),
                new SaslMechanisms(() -> "servernonce"), accounts, accounts, sessions,
                (task, delay) -> scheduled.add(new Scheduled(task, delay)), () -> "id" + ids.incrementAndGet()));
        FakeChannel channel = new FakeChannel("c" + ids.incrementAndGet(), startTls);
        service.opened(channel, channel);
        return channel;
    }

    static StreamHeader header(String to, String version, String namespace) {
        return new StreamHeader(to, "alice@example.org", null, version, "en", namespace,
                Map.of("stream", Namespaces.STREAMS));
    }

    static StreamHeader header() {
        return header("example.org", "1.0", Namespaces.CLIENT);
    }

    static Element xml(String text) {
        try {
            return PARSER.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    void send(FakeChannel c, String text) {
        service.element(c.id, xml(text));
    }

    StreamState state(FakeChannel c) {
        return service.state(c.id).orElse(null);
    }

    static List<String> mechanisms(Element features) {
        return features.child(XmlName.of(SASL, "mechanisms")).orElseThrow()
                .children(XmlName.of(SASL, "mechanism")).stream().map(Element::text).toList();
    }

    static void assertStreamError(FakeChannel c, StreamErrorCondition condition) {
        assertTrue(c.closed, "stream closed");
        assertEquals(condition, c.closeError == null ? null : c.closeError.condition());
    }

    static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An encrypted stream (direct TLS) that has reached AWAIT_AUTH. */
    FakeChannel atAuth(TransportSecurity security) {
        FakeChannel c = connect(true);
        service.header(c.id, header(), security);
        c.only();
        assertEquals(StreamState.AWAIT_AUTH, state(c));
        return c;
    }

    /** Logs alice in with PLAIN and binds resource "laptop". */
    FakeChannel bound() {
        FakeChannel c = atAuth(TLS);
        send(c, "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + b64("\0alice\0correct horse") + "</auth>");
        assertEquals("success", c.only().localName());
        service.header(c.id, header(), TLS);
        c.only();
        send(c, "<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns='" + Namespaces.BIND
                + "'><resource>laptop</resource></bind></iq>");
        c.only();
        assertEquals(StreamState.BOUND, state(c));
        return c;
    }

    // ---- RFC 6120 §4.7: stream headers ----

    @Test
    void section4_7ResponseHeaderHasNewIdDomainAndVersion() {
        FakeChannel c = connect(true);
        service.header(c.id, header("EXAMPLE.org", "1.0", Namespaces.CLIENT), TransportSecurity.NONE);
        StreamHeader response = c.headers.get(0);
        assertEquals("example.org", response.from());
        assertEquals("alice@example.org", response.to());
        assertEquals("1.0", response.version());
        assertEquals(Namespaces.CLIENT, response.contentNamespace());
        assertTrue(response.id() != null && !response.id().isEmpty());
        assertFalse(c.closed);
    }

    @Test
    void section4_9_3_6UnservedDomainIsHostUnknownAfterOurHeader() {
        FakeChannel c = connect(true);
        service.header(c.id, header("elsewhere.net", "1.0", Namespaces.CLIENT), TransportSecurity.NONE);
        assertTrue(c.events.get(0) instanceof StreamHeader, "header first, RFC 6120 §4.9.1.2");
        assertEquals("example.org", c.headers.get(0).from());
        assertStreamError(c, StreamErrorCondition.HOST_UNKNOWN);
        assertEquals(StreamState.CLOSED, state(c));
        assertTrue(c.sent.isEmpty(), "no features");
    }

    @Test
    void section4_9_3_6MissingToIsHostUnknown() {
        FakeChannel c = connect(true);
        service.header(c.id, header(null, "1.0", Namespaces.CLIENT), TransportSecurity.NONE);
        assertStreamError(c, StreamErrorCondition.HOST_UNKNOWN);
    }

    @Test
    void section4_9_3_25VersionMustBeOnePointSomething() {
        for (String version : new String[] {null, "0.9", "2.0", "one"}) {
            FakeChannel c = connect(true);
            service.header(c.id, header("example.org", version, Namespaces.CLIENT), TransportSecurity.NONE);
            assertStreamError(c, StreamErrorCondition.UNSUPPORTED_VERSION);
        }
        FakeChannel newer = connect(true);
        service.header(newer.id, header("example.org", "1.1", Namespaces.CLIENT), TransportSecurity.NONE);
        assertFalse(newer.closed, "a higher minor version is answered with 1.0 (§4.7.5)");
        assertEquals("1.0", newer.headers.get(0).version());
    }

    @Test
    void section4_9_3_10ContentNamespaceMustBeJabberClient() {
        FakeChannel c = connect(true);
        service.header(c.id, header("example.org", "1.0", Namespaces.SERVER), TransportSecurity.NONE);
        assertStreamError(c, StreamErrorCondition.INVALID_NAMESPACE);
    }

    // ---- RFC 6120 §5: STARTTLS ----

    @Test
    void section5_3_1RequiredTlsIsTheOnlyFeatureAndComesFirst() {
        FakeChannel c = connect(true);
        service.header(c.id, header(), TransportSecurity.NONE);
        Element features = c.only();
        assertEquals(1, features.elements().size());
        assertTrue(features.child(XmlName.of(Namespaces.TLS, "starttls")).orElseThrow()
                .hasChild(XmlName.of(Namespaces.TLS, "required")));
        assertEquals(StreamState.AWAIT_TLS, state(c));

        send(c, "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + b64("\0alice\0correct horse") + "</auth>");
        assertTrue(c.only().hasChild(XmlName.of(SASL, "encryption-required")));
        assertEquals(StreamState.AWAIT_TLS, state(c));

        send(c, "<starttls xmlns='" + Namespaces.TLS + "'/>");
        assertEquals("proceed", c.only().localName());
        assertEquals("startTls", c.events.get(c.events.size() - 1), "TLS starts after <proceed/> is queued");
        assertEquals(StreamState.TLS_NEGOTIATING, state(c));

        service.header(c.id, header(), TLS);
        Element secured = c.only();
        assertFalse(secured.hasChild(XmlName.of(Namespaces.TLS, "starttls")));
        assertEquals(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"),
                mechanisms(secured));
        assertTrue(secured.hasChild(XmlName.of("urn:xmpp:sasl-cb:0", "sasl-channel-binding")));
        assertEquals(StreamState.AWAIT_AUTH, state(c));
    }

    @Test
    void stanzaBeforeTlsIsNotAuthorized() {
        FakeChannel c = connect(true);
        service.header(c.id, header(), TransportSecurity.NONE);
        send(c, "<message xmlns='jabber:client' to='bob@example.org'><body>hi</body></message>");
        assertStreamError(c, StreamErrorCondition.NOT_AUTHORIZED);
        assertTrue(sessions.received.isEmpty());
    }

    @Test
    void transportWithoutStartTlsAndTlsRequiredIsRefused() {
        FakeChannel c = connect(false);
        service.header(c.id, header(), TransportSecurity.NONE);
        assertStreamError(c, StreamErrorCondition.POLICY_VIOLATION);
    }

    // ---- RFC 6120 §6: SASL ----

    @Test
    void section6PlainIsNotOfferedNorAcceptedWithoutTls() {
        settings.put("meerkat.tls.required", "false");
        FakeChannel c = connect(true);
        service.header(c.id, header(), TransportSecurity.NONE);
        Element features = c.only();
        assertTrue(features.hasChild(XmlName.of(Namespaces.TLS, "starttls")));
        assertEquals(List.of("SCRAM-SHA-256", "SCRAM-SHA-1"), mechanisms(features));

        send(c, "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + b64("\0alice\0correct horse") + "</auth>");
        assertTrue(c.only().hasChild(XmlName.of(SASL, "invalid-mechanism")));
        assertEquals(StreamState.AWAIT_AUTH, state(c));
    }

    @Test
    void section6ScramSha256PlusFullExchangeThenBindAndStanzas() {
        FakeChannel c = atAuth(TLS);
        ScramClient client = new ScramClient(ScramAlgorithm.SHA_256, "alice", "correct horse", "clientnonce",
                ChannelBinding.TLS_SERVER_END_POINT, END_POINT);
        send(c, "<auth xmlns='" + SASL + "' mechanism='SCRAM-SHA-256-PLUS'>" + b64(client.clientFirst()) + "</auth>");
        Element challenge = c.only();
        assertEquals("challenge", challenge.localName());
        assertEquals(StreamState.AUTHENTICATING, state(c));

        send(c, "<response xmlns='" + SASL + "'>"
                + b64(client.clientFinal(Base64.getDecoder().decode(challenge.text()))) + "</response>");
        Element success = c.only();
        assertEquals("success", success.localName());
        assertTrue(client.verifies(Base64.getDecoder().decode(success.text())), "server signature");
        assertEquals("restart", c.events.get(c.events.size() - 2), "restart before <success/> (§6.4.6)");
        assertEquals(StreamState.AUTHENTICATED, state(c));

        service.header(c.id, header(), TLS);
        Element features = c.only();
        assertTrue(features.hasChild(XmlName.of(Namespaces.BIND, "bind")));
        assertTrue(features.child(XmlName.of(Namespaces.SESSION, "session")).orElseThrow()
                .hasChild(XmlName.of(Namespaces.SESSION, "optional")));
        assertFalse(features.hasChild(XmlName.of(SASL, "mechanisms")));
        assertEquals(StreamState.AWAIT_BIND, state(c));

        send(c, "<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns='" + Namespaces.BIND
                + "'><resource>laptop</resource></bind></iq>");
        Element result = c.only();
        assertEquals("result", result.attribute("type"));
        assertEquals("b1", result.attribute("id"));
        assertEquals("alice@example.org/laptop", result.child(XmlName.of(Namespaces.BIND, "bind")).orElseThrow()
                .childText(XmlName.of(Namespaces.BIND, "jid")).orElseThrow());
        assertEquals(List.of(Jid.of("alice@example.org/laptop")), sessions.bound);
        assertEquals(StreamState.BOUND, state(c));

        // RFC 3921 §3: the legacy session request gets an empty result
        send(c, "<iq xmlns='jabber:client' type='set' id='s1'><session xmlns='" + Namespaces.SESSION + "'/></iq>");
        Element session = c.only();
        assertEquals("result", session.attribute("type"));
        assertEquals("s1", session.attribute("id"));
        assertTrue(session.isEmpty());

        // RFC 6120 §8.1.2.1: the server stamps the full JID
        send(c, "<message xmlns='jabber:client' to='bob@example.org'><body>hi</body></message>");
        send(c, "<presence xmlns='jabber:client' from='alice@example.org'/>");
        assertEquals(2, sessions.received.size());
        assertEquals(Jid.of("alice@example.org/laptop"), sessions.received.get(0).from());
        assertEquals("alice@example.org/laptop", sessions.received.get(0).element().attribute("from"));
        assertEquals(Jid.of("alice@example.org/laptop"), sessions.received.get(1).from());
        assertTrue(c.sent.isEmpty());
    }

    @Test
    void scramSha1WithoutPlusAndWithoutInitialResponse() {
        FakeChannel c = atAuth(TLS_NO_BINDING);
        ScramClient client = new ScramClient(ScramAlgorithm.SHA_1, "alice", "correct horse", "cn", null, null);
        send(c, "<auth xmlns='" + SASL + "' mechanism='SCRAM-SHA-1'/>");
        Element empty = c.only();
        assertEquals("challenge", empty.localName());
        assertTrue(empty.isEmpty(), "empty challenge asks for the initial response (§6.4.2)");
        send(c, "<response xmlns='" + SASL + "'>" + b64(client.clientFirst()) + "</response>");
        Element challenge = c.only();
        send(c, "<response xmlns='" + SASL + "'>"
                + b64(client.clientFinal(Base64.getDecoder().decode(challenge.text()))) + "</response>");
        assertEquals("success", c.only().localName());
    }

    @Test
    void section6_4_5AbortIsAnsweredWithAborted() {
        FakeChannel c = atAuth(TLS);
        send(c, "<auth xmlns='" + SASL + "' mechanism='SCRAM-SHA-256'/>");
        c.only();
        send(c, "<abort xmlns='" + SASL + "'/>");
        assertTrue(c.only().hasChild(XmlName.of(SASL, "aborted")));
        assertEquals(StreamState.AWAIT_AUTH, state(c));
    }

    @Test
    void badBase64IsIncorrectEncoding() {
        FakeChannel c = atAuth(TLS);
        send(c, "<auth xmlns='" + SASL + "' mechanism='PLAIN'>%%%</auth>");
        assertTrue(c.only().hasChild(XmlName.of(SASL, "incorrect-encoding")));
    }

    @Test
    void repeatedFailuresAreDelayedThenTheStreamEndsWithPolicyViolation() {
        FakeChannel c = atAuth(TLS);
        String wrong = "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + b64("\0alice\0wrong") + "</auth>";

        send(c, wrong);
        assertTrue(c.only().hasChild(XmlName.of(SASL, "not-authorized")), "first failure at once");
        assertTrue(scheduled.isEmpty());

        List<Duration> delays = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        for (int i = 0; i < delays.size(); i++) {
            send(c, wrong);
            assertTrue(c.sent.isEmpty(), "failure " + (i + 2) + " waits");
            assertEquals(StreamState.AUTH_BACKOFF, state(c));
            Scheduled s = scheduled.remove(0);
            assertEquals(delays.get(i), s.delay());
            s.task().run();
            assertTrue(c.only().hasChild(XmlName.of(SASL, "not-authorized")));
            assertEquals(StreamState.AWAIT_AUTH, state(c));
        }

        send(c, wrong);
        assertTrue(c.only().hasChild(XmlName.of(SASL, "not-authorized")));
        assertStreamError(c, StreamErrorCondition.POLICY_VIOLATION);
        assertEquals(StreamState.CLOSED, state(c));
    }

    @Test
    void retryingBeforeTheDelayedFailureIsAPolicyViolation() {
        FakeChannel c = atAuth(TLS);
        String wrong = "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + b64("\0alice\0wrong") + "</auth>";
        send(c, wrong);
        c.only();
        send(c, wrong);
        send(c, wrong);
        assertStreamError(c, StreamErrorCondition.POLICY_VIOLATION);
        scheduled.get(0).task().run();
        assertTrue(c.sent.isEmpty(), "nothing after the close");
    }

    // ---- stanzas before authentication or binding ----

    @Test
    void section4_9_3_12StanzaBeforeAuthenticationIsNotAuthorized() {
        FakeChannel c = atAuth(TLS);
        send(c, "<message xmlns='jabber:client' to='bob@example.org'><body>hi</body></message>");
        assertStreamError(c, StreamErrorCondition.NOT_AUTHORIZED);
        assertTrue(sessions.received.isEmpty());
    }

    @Test
    void stanzaBeforeBindIsNotAuthorized() {
        FakeChannel c = atAuth(TLS);
        send(c, "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + b64("\0alice\0correct horse") + "</auth>");
        service.header(c.id, header(), TLS);
        send(c, "<presence xmlns='jabber:client'/>");
        assertStreamError(c, StreamErrorCondition.NOT_AUTHORIZED);
        assertTrue(sessions.received.isEmpty());
        assertTrue(sessions.unbound.isEmpty(), "nothing was bound");
    }

    // ---- RFC 6120 §7: binding ----

    @Test
    void section7_6_2BindErrorIsAStanzaErrorAndTheStreamStays() {
        FakeChannel c = atAuth(TLS);
        send(c, "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + b64("\0alice\0correct horse") + "</auth>");
        service.header(c.id, header(), TLS);
        c.sent.clear();
        send(c, "<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns='" + Namespaces.BIND
                + "'><resource>taken</resource></bind></iq>");
        Element error = c.only();
        assertEquals("error", error.attribute("type"));
        assertTrue(error.child(XmlName.of(Namespaces.CLIENT, "error")).orElseThrow()
                .hasChild(XmlName.of(Namespaces.STANZA_ERRORS, "not-allowed")));
        assertEquals(StreamState.AWAIT_BIND, state(c));

        send(c, "<iq xmlns='jabber:client' type='set' id='b2'><bind xmlns='" + Namespaces.BIND + "'/></iq>");
        assertEquals("alice@example.org/generated", c.only().child(XmlName.of(Namespaces.BIND, "bind")).orElseThrow()
                .childText(XmlName.of(Namespaces.BIND, "jid")).orElseThrow());
    }

    // ---- bound streams ----

    @Test
    void section8_1_2_1ForeignFromIsInvalidFrom() {
        FakeChannel c = bound();
        send(c, "<message xmlns='jabber:client' from='mallory@example.org/x' to='bob@example.org'/>");
        assertStreamError(c, StreamErrorCondition.INVALID_FROM);
        assertTrue(sessions.received.isEmpty());
        assertEquals(List.of(c.id), sessions.unbound);
    }

    @Test
    void section4_9_3_23NonStanzaIsUnsupportedStanzaType() {
        FakeChannel c = bound();
        send(c, "<enable xmlns='urn:xmpp:sm:3'/>");
        assertStreamError(c, StreamErrorCondition.UNSUPPORTED_STANZA_TYPE);
    }

    @Test
    void malformedToGetsJidMalformedAndNothingIsRouted() {
        FakeChannel c = bound();
        send(c, "<message xmlns='jabber:client' id='m1' to='@bad'><body>x</body></message>");
        Element error = c.only();
        assertEquals("error", error.attribute("type"));
        assertEquals("m1", error.attribute("id"));
        assertTrue(error.child(XmlName.of(Namespaces.CLIENT, "error")).orElseThrow()
                .hasChild(XmlName.of(Namespaces.STANZA_ERRORS, "jid-malformed")));
        assertTrue(sessions.received.isEmpty());
        assertFalse(c.closed);
    }

    @Test
    void section4_4ClientCloseIsAnsweredWithOursAndUnbinds() {
        FakeChannel c = bound();
        service.peerClosed(c.id);
        assertTrue(c.closed);
        assertNull(c.closeError);
        assertEquals(List.of(c.id), sessions.unbound);
        service.closed(c.id);
        assertEquals(List.of(c.id), sessions.unbound, "unbound once");
        assertEquals(0, service.count());
    }

    @Test
    void lostConnectionUnbinds() {
        FakeChannel c = bound();
        service.closed(c.id);
        assertEquals(List.of(c.id), sessions.unbound);
        assertFalse(c.closed, "nothing is written to a lost connection");
        service.element(c.id, xml("<presence xmlns='jabber:client'/>"));
        assertTrue(sessions.received.isEmpty());
    }

    // ---- XEP-0077 before authentication ----

    @Test
    void xep0077RegistrationBeforeAuthenticationWhenEnabled() {
        settings.put("meerkat.registration", "true");
        FakeChannel c = connect(true);
        service.header(c.id, header(), TLS);
        assertTrue(c.only().hasChild(XmlName.of("http://jabber.org/features/iq-register", "register")));

        send(c, "<iq xmlns='jabber:client' type='get' id='r1'><query xmlns='jabber:iq:register'/></iq>");
        Element form = c.only().child(XmlName.of("jabber:iq:register", "query")).orElseThrow();
        assertTrue(form.hasChild(XmlName.of("jabber:iq:register", "username")));
        assertTrue(form.hasChild(XmlName.of("jabber:iq:register", "password")));

        send(c, "<iq xmlns='jabber:client' type='set' id='r2'><query xmlns='jabber:iq:register'>"
                + "<username>Bob</username><password>s3cret</password></query></iq>");
        Element result = c.only();
        assertEquals("result", result.attribute("type"));
        assertEquals("r2", result.attribute("id"));
        assertTrue(accounts.exists(Jid.of("bob@example.org")));

        send(c, "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + b64("\0bob\0s3cret") + "</auth>");
        assertEquals("success", c.only().localName());
    }

    @Test
    void xep0077ExistingUsernameIsConflict() {
        settings.put("meerkat.registration", "true");
        FakeChannel c = atAuth(TLS);
        send(c, "<iq xmlns='jabber:client' type='set' id='r2'><query xmlns='jabber:iq:register'>"
                + "<username>alice</username><password>other</password></query></iq>");
        assertTrue(c.only().child(XmlName.of(Namespaces.CLIENT, "error")).orElseThrow()
                .hasChild(XmlName.of(Namespaces.STANZA_ERRORS, "conflict")));
    }

    @Test
    void xep0077DisabledRegistrationIsServiceUnavailable() {
        FakeChannel c = connect(true);
        service.header(c.id, header(), TLS);
        assertFalse(c.only().hasChild(XmlName.of("http://jabber.org/features/iq-register", "register")));
        send(c, "<iq xmlns='jabber:client' type='set' id='r2'><query xmlns='jabber:iq:register'>"
                + "<username>bob</username><password>x</password></query></iq>");
        assertTrue(c.only().child(XmlName.of(Namespaces.CLIENT, "error")).orElseThrow()
                .hasChild(XmlName.of(Namespaces.STANZA_ERRORS, "service-unavailable")));
        assertFalse(accounts.exists(Jid.of("bob@example.org")));
        assertFalse(c.closed);
    }

    @Test
    void stateMachineRefusesUndeclaredTransitions() {
        assertTrue(StreamState.AWAIT_HEADER.canMoveTo(StreamState.AWAIT_TLS));
        assertFalse(StreamState.AWAIT_TLS.canMoveTo(StreamState.AUTHENTICATING));
        assertFalse(StreamState.AWAIT_AUTH.canMoveTo(StreamState.BOUND));
        assertFalse(StreamState.CLOSED.canMoveTo(StreamState.AWAIT_HEADER));
        for (StreamState s : StreamState.values()) {
            assertTrue(s == StreamState.CLOSED || s.canMoveTo(StreamState.CLOSED), s + " can close");
        }
    }
}

package im.meerkat.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.server.sasl.ChannelBinding;
import im.meerkat.server.sasl.ScramAlgorithm;
import im.meerkat.server.sasl.ScramClient;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SASL on a client stream (RFC 6120 §6): offered mechanisms, full exchanges, failures and their delays. */
class StreamSaslTest extends StreamFixture {

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

    @Test
    void section4_9_3_12StanzaBeforeAuthenticationIsNotAuthorized() {
        FakeChannel c = atAuth(TLS);
        send(c, "<message xmlns='jabber:client' to='bob@example.org'><body>hi</body></message>");
        assertStreamError(c, StreamErrorCondition.NOT_AUTHORIZED);
        assertTrue(sessions.received.isEmpty());
    }
}

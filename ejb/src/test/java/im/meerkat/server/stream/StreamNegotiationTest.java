package im.meerkat.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream headers (RFC 6120 §4.7, §4.9), STARTTLS (§5) and the declared transitions. */
class StreamNegotiationTest extends StreamFixture {

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

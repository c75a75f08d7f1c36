package im.meerkat.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After authentication: binding (RFC 6120 §7), stanzas of a bound stream (§8.1.2.1), closing (§4.4), and registration before authentication (XEP-0077). */
class StreamBindingTest extends StreamFixture {

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
        send(c, "<enable xmlns='urn:example:not-a-stanza'/>");
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
    void section4_9_3_22ShutdownEndsEveryStreamAndUnbinds() {
        FakeChannel bound = bound();
        FakeChannel fresh = connect(true);
        service.shutdown();
        assertStreamError(bound, StreamErrorCondition.SYSTEM_SHUTDOWN);
        assertStreamError(fresh, StreamErrorCondition.SYSTEM_SHUTDOWN);
        assertEquals(List.of(bound.id), sessions.unbound);
        assertEquals(0, service.count());
    }
}

package im.meerkat.xmpp.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StanzaErrorType;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Namespaces;

class StanzaTest {

    private final XmlDocumentParser parser = new XmlDocumentParser(ParserLimits.DEFAULT);

    @Test
    void classifiesAndReadsAddresses() throws Exception {
        Stanza s = Stanza.of(parser.parse(
                "<message xmlns='jabber:client' to='Romeo@Example.net' type='chat' id='m1'>"
                        + "<body>hi</body></message>"));
        Message m = assertInstanceOf(Message.class, s);
        assertEquals(Jid.of("romeo@example.net"), m.to());
        assertNull(m.from());
        assertEquals(Message.Type.CHAT, m.type());
        assertEquals("hi", m.body());
    }

    @Test
    void malformedAddressIsJidMalformed() {
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> Stanza.of(
                parser.parse("<message xmlns='jabber:client' to='a@b@c'/>")));
        assertEquals(StanzaErrorCondition.JID_MALFORMED, e.error().condition());
    }

    /** RFC 6120 §8.3.1: error replies swap addresses and keep the id. */
    @Test
    void errorReplySwapsAddressesAndKeepsId() throws Exception {
        Iq iq = (Iq) Stanza.of(parser.parse("<iq xmlns='jabber:client' type='get' id='q1'"
                + " from='a@x/r' to='x'><query xmlns='urn:unknown'/></iq>"));
        Stanza reply = iq.errorReply(StanzaErrorCondition.SERVICE_UNAVAILABLE);
        assertEquals(Jid.of("a@x/r"), reply.to());
        assertEquals(Jid.of("x"), reply.from());
        assertEquals("q1", reply.id());
        assertEquals("error", reply.typeAttribute());
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE, reply.error().condition());
        assertEquals(StanzaErrorType.CANCEL, reply.error().type());
        Stanza reparsed = Stanza.of(parser.parse(reply.element().toXml()));
        assertEquals(reply, reparsed);
    }

    /** RFC 6120 §8.2.3: an IQ request has an id, a type and exactly one payload. */
    @Test
    void validatesIqRules() throws Exception {
        Iq noPayload = (Iq) Stanza.of(parser.parse("<iq xmlns='jabber:client' type='get' id='1'/>"));
        assertThrows(StanzaErrorException.class, noPayload::validate);
        Iq noId = (Iq) Stanza.of(parser.parse("<iq xmlns='jabber:client' type='get'><a xmlns='x'/></iq>"));
        assertThrows(StanzaErrorException.class, noId::validate);
        Iq badType = (Iq) Stanza.of(parser.parse("<iq xmlns='jabber:client' type='bad' id='1'><a xmlns='x'/></iq>"));
        assertThrows(StanzaErrorException.class, badType::validate);
    }

    @Test
    void presencePriorityIsClampedAndDefaultsToZero() throws Exception {
        Presence p = (Presence) Stanza.of(parser.parse(
                "<presence xmlns='jabber:client'><priority>500</priority></presence>"));
        assertEquals(127, p.priority());
        assertEquals(Presence.Type.AVAILABLE, p.type());
        Presence none = Presence.builder().type(Presence.Type.UNAVAILABLE).build();
        assertEquals(0, none.priority());
    }

    @Test
    void movesBetweenContentNamespaces() throws Exception {
        Message m = Message.builder().to(Jid.of("a@b")).body("x").build();
        Stanza s = m.inNamespace(Namespaces.SERVER);
        assertEquals(Namespaces.SERVER, s.element().namespace());
        assertEquals("x", ((Message) s).body());
    }
}

package im.meerkat.web.bosh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Namespaces;
import org.junit.jupiter.api.Test;

/** Reading request bodies (XEP-0124 §7.1, XEP-0206 §5) and writing answers. */
class BoshRequestTest {

    private static final XmlDocumentParser PARSER = new XmlDocumentParser(ParserLimits.DEFAULT);

    private static BoshRequest read(String xml) throws Exception {
        return BoshRequest.of(PARSER.parse(xml));
    }

    @Test
    void creationRequest() throws Exception {
        BoshRequest r = read("<body xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh' content='text/xml; charset=utf-8'"
                + " rid='1573741820' to='example.org' wait='60' hold='1' ver='1.6' xml:lang='en' xmpp:version='1.0'/>");
        assertTrue(r.creation());
        assertEquals(1573741820L, r.rid());
        assertEquals("example.org", r.to());
        assertEquals(60, r.waitTime());
        assertEquals(1, r.hold());
        assertEquals("1.0", r.version());
        assertEquals("en", r.lang());
    }

    @Test
    void payloadRestartAndTerminate() throws Exception {
        BoshRequest r = read("<body xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh' rid='5' sid='s'"
                + " xmpp:restart='true' type='terminate'><message xmlns='jabber:client'/><presence xmlns='jabber:client'/></body>");
        assertTrue(r.restart());
        assertTrue(r.terminate());
        assertEquals(2, r.payload().size());
        assertTrue(r.payload().get(0).is(Namespaces.CLIENT, "message"));
    }

    @Test
    void badRequests() {
        assertBad("<body xmlns='http://jabber.org/protocol/httpbind' to='x'/>"); // no rid
        assertBad("<body xmlns='http://jabber.org/protocol/httpbind' rid='0' to='x'/>");
        assertBad("<body xmlns='http://jabber.org/protocol/httpbind' rid='9007199254740992' to='x'/>"); // 2^53
        assertBad("<body xmlns='http://jabber.org/protocol/httpbind' rid='abc' to='x'/>");
        assertBad("<body xmlns='http://jabber.org/protocol/httpbind' rid='1'/>"); // creation without to
        assertBad("<body xmlns='http://jabber.org/protocol/httpbind' rid='1' sid='s' wait='-1'/>");
        assertBad("<body rid='1' sid='s'/>"); // wrong namespace
    }

    private static void assertBad(String xml) {
        BoshException e = assertThrows(BoshException.class, () -> read(xml));
        assertEquals(BoshCondition.BAD_REQUEST, e.condition());
    }

    @Test
    void answersDeclareThePrefixesAndQualifyStanzas() throws Exception {
        String body = BoshBodies.payload(java.util.List.of(
                PARSER.parse("<message xmlns='jabber:client' to='a@b'><body>hi</body></message>"),
                PARSER.parse("<stream:features xmlns:stream='http://etherx.jabber.org/streams'/>")));
        var parsed = PARSER.parse(body);
        assertTrue(parsed.is(BoshRequest.BODY));
        assertTrue(parsed.elements().get(0).is(Namespaces.CLIENT, "message"), "XEP-0206 §6: jabber:client");
        assertTrue(parsed.elements().get(1).is(Namespaces.STREAMS, "features"));
        assertTrue(body.contains("<stream:features"), "the stream prefix is the one clients look for");
        assertEquals("item-not-found", PARSER.parse(BoshBodies.terminate(BoshCondition.ITEM_NOT_FOUND, java.util.List.of()))
                .attribute("condition"));
    }
}

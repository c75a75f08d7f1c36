package im.meerkat.xmpp.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;

class XmppStreamParserTest {

    private static final String HEADER = "<?xml version='1.0'?>"
            + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='example.com' version='1.0' xml:lang='en'>";

    private final List<Object> events = new ArrayList<>();
    private final StreamHandler recorder = new StreamHandler() {
        @Override
        public void streamOpened(StreamHeader header) {
            events.add(header);
        }

        @Override
        public void element(Element element) {
            events.add(element);
        }

        @Override
        public void streamClosed() {
            events.add("closed");
        }
    };

    private XmppStreamParser parser(ParserLimits limits) {
        return new XmppStreamParser(limits, recorder);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsHeaderStanzasAndCloseInOrder() throws Exception {
        XmppStreamParser p = parser(ParserLimits.DEFAULT);
        p.feed(utf8(HEADER + "<message to='a@example.com'><body>hi &amp; bye</body></message>"
                + " \n<presence/></stream:stream>"));

        assertEquals(4, events.size());
        StreamHeader h = (StreamHeader) events.get(0);
        assertEquals("example.com", h.to());
        assertEquals("1.0", h.version());
        assertEquals("en", h.lang());
        assertEquals(Namespaces.CLIENT, h.contentNamespace());
        assertEquals(Namespaces.STREAMS, h.prefixes().get("stream"));
        Element message = (Element) events.get(1);
        assertEquals(XmlName.of(Namespaces.CLIENT, "message"), message.name());
        assertEquals("hi & bye", message.child("body").orElseThrow().text());
        assertEquals(XmlName.of(Namespaces.CLIENT, "presence"), ((Element) events.get(2)).name());
        assertEquals("closed", events.get(3));
        assertTrue(p.isClosed());
    }

    @Test
    void assemblesElementsFedOneByteAtATime() throws Exception {
        String xml = HEADER + "<iq type='get' id='1'><query xmlns='jabber:iq:version'/></iq>"
                + "<message><body>h\u00e9llo \uD83D\uDE00 w\u00f6rld</body></message>";
        XmppStreamParser p = parser(ParserLimits.DEFAULT);
        byte[] bytes = utf8(xml);
        for (int i = 0; i < bytes.length; i++) {
            p.feed(bytes, i, 1);
        }
        assertEquals(3, events.size());
        Element iq = (Element) events.get(1);
        assertEquals("jabber:iq:version", iq.firstElement().orElseThrow().namespace());
        Element message = (Element) events.get(2);
        assertEquals("h\u00e9llo \uD83D\uDE00 w\u00f6rld", message.child("body").orElseThrow().text());
    }

    @Test
    void matchesTheStreamByNamespaceNotPrefix() throws Exception {
        XmppStreamParser p = parser(ParserLimits.DEFAULT);
        p.feed(utf8("<s:stream xmlns='jabber:client' xmlns:s='http://etherx.jabber.org/streams'"
                + " version='1.0'><s:features/>"));
        assertEquals(2, events.size());
        assertEquals(XmlName.of(Namespaces.STREAMS, "features"), ((Element) events.get(1)).name());
    }

    @Test
    void resetStartsANewStream() throws Exception {
        XmppStreamParser p = parser(ParserLimits.DEFAULT);
        p.feed(utf8(HEADER + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"));
        p.reset();
        p.feed(utf8(HEADER + "<iq type='set' id='b'/>"));
        assertEquals(4, events.size());
        assertTrue(events.get(2) instanceof StreamHeader);
    }

    /** RFC 6120 §11.1: no DTDs. */
    @Test
    void rejectsDtd() {
        assertCondition(StreamErrorCondition.RESTRICTED_XML,
                "<?xml version='1.0'?><!DOCTYPE foo [<!ENTITY x 'y'>]>" + HEADER.substring(21));
    }

    /** RFC 6120 §11.1: no comments. */
    @Test
    void rejectsComment() {
        assertCondition(StreamErrorCondition.RESTRICTED_XML, HEADER + "<!-- hi --><presence/>");
    }

    /** RFC 6120 §11.1: no processing instructions. */
    @Test
    void rejectsProcessingInstruction() {
        assertCondition(StreamErrorCondition.RESTRICTED_XML,
                HEADER + "<message><?evil x?></message>");
    }

    /** RFC 6120 §11.1: no entity references except the five predefined. */
    @Test
    void rejectsUndeclaredEntityReference() {
        assertCondition(StreamErrorCondition.RESTRICTED_XML,
                HEADER + "<message><body>&lol;</body></message>");
    }

    @Test
    void acceptsPredefinedEntitiesAndCharacterReferences() throws Exception {
        XmppStreamParser p = parser(ParserLimits.DEFAULT);
        p.feed(utf8(HEADER + "<message><body>&lt;&gt;&amp;&apos;&quot;&#x41;&#66;</body></message>"));
        assertEquals("<>&'\"AB", ((Element) events.get(1)).child("body").orElseThrow().text());
    }

    @Test
    void rejectsMalformedXml() {
        assertCondition(StreamErrorCondition.NOT_WELL_FORMED, HEADER + "<message></presence>");
    }

    @Test
    void rejectsUnboundPrefix() {
        assertCondition(StreamErrorCondition.BAD_NAMESPACE_PREFIX, HEADER + "<foo:bar/>");
    }

    @Test
    void rejectsWrongStreamNamespace() {
        assertCondition(StreamErrorCondition.INVALID_NAMESPACE,
                "<stream:stream xmlns:stream='urn:wrong' xmlns='jabber:client'>");
    }

    @Test
    void rejectsTextBetweenStanzas() {
        assertCondition(StreamErrorCondition.BAD_FORMAT, HEADER + "hello");
    }

    @Test
    void rejectsOversizedStanzaWhileItIsStillArriving() throws Exception {
        XmppStreamParser p = parser(new ParserLimits(1000, 32, 64));
        p.feed(utf8(HEADER + "<message><body>"));
        byte[] chunk = utf8("x".repeat(600));
        p.feed(chunk);
        StreamErrorException e = assertThrows(StreamErrorException.class, () -> p.feed(chunk));
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, e.error().condition());
        assertEquals(1, events.size(), "the partial stanza was never delivered");
    }

    @Test
    void oversizedAttributeValueIsCaught() throws Exception {
        XmppStreamParser p = parser(new ParserLimits(1000, 32, 64));
        p.feed(utf8(HEADER + "<message id='"));
        byte[] chunk = utf8("x".repeat(600));
        p.feed(chunk);
        assertThrows(StreamErrorException.class, () -> p.feed(chunk));
    }

    @Test
    void stanzaJustUnderTheLimitPasses() throws Exception {
        String stanza = "<message><body>" + "x".repeat(900) + "</body></message>";
        XmppStreamParser p = parser(new ParserLimits(stanza.length(), 32, 64));
        p.feed(utf8(HEADER + stanza));
        assertEquals(2, events.size());
    }

    @Test
    void rejectsDeepNesting() {
        XmppStreamParser p = parser(new ParserLimits(10_000, 3, 64));
        StreamErrorException e = assertThrows(StreamErrorException.class,
                () -> p.feed(utf8(HEADER + "<message><a><b><c/></b></a></message>")));
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, e.error().condition());
    }

    @Test
    void rejectsTooManyAttributes() {
        XmppStreamParser p = parser(new ParserLimits(10_000, 32, 2));
        StreamErrorException e = assertThrows(StreamErrorException.class,
                () -> p.feed(utf8(HEADER + "<message a='1' b='2' c='3'/>")));
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, e.error().condition());
    }

    @Test
    void rejectsEndlessHeader() throws Exception {
        XmppStreamParser p = parser(new ParserLimits(1000, 32, 64));
        p.feed(utf8("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='"));
        StreamErrorException e = assertThrows(StreamErrorException.class,
                () -> p.feed(utf8("a".repeat(2000))));
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, e.error().condition());
    }

    @Test
    void headerWithoutDefaultNamespaceIsReportedAsSuch() throws Exception {
        XmppStreamParser p = parser(ParserLimits.DEFAULT);
        p.feed(utf8("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"));
        assertNull(((StreamHeader) events.get(0)).contentNamespace());
    }

    private void assertCondition(StreamErrorCondition expected, String xml) {
        XmppStreamParser p = parser(ParserLimits.DEFAULT);
        StreamErrorException e = assertThrows(StreamErrorException.class, () -> p.feed(utf8(xml)));
        assertEquals(expected, e.error().condition(), e.getMessage());
    }
}

package im.meerkat.xmpp.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.xml.Element;

class XmlDocumentParserTest {

    private final XmlDocumentParser parser = new XmlDocumentParser(ParserLimits.DEFAULT);

    @Test
    void parsesOneElement() throws Exception {
        Element e = parser.parse("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='x' version='1.0'/>");
        assertEquals("open", e.localName());
        assertEquals("x", e.attribute("to"));
    }

    /** RFC 7395 §3.3.3: one element per message. */
    @Test
    void rejectsTwoElements() {
        StreamErrorException e = assertThrows(StreamErrorException.class,
                () -> parser.parse("<a xmlns='x'/><b xmlns='x'/>"));
        assertEquals(StreamErrorCondition.NOT_WELL_FORMED, e.error().condition());
    }

    @Test
    void rejectsTruncatedDocument() {
        assertThrows(StreamErrorException.class, () -> parser.parse("<a xmlns='x'><b>"));
    }

    @Test
    void rejectsTrailingComment() {
        StreamErrorException e = assertThrows(StreamErrorException.class,
                () -> parser.parse("<a xmlns='x'/><!-- c -->"));
        assertEquals(StreamErrorCondition.RESTRICTED_XML, e.error().condition());
    }

    @Test
    void rejectsNonXml() {
        assertThrows(StreamErrorException.class, () -> parser.parse("hello"));
    }
}

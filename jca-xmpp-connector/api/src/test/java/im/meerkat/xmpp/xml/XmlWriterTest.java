package im.meerkat.xmpp.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;

class XmlWriterTest {

    private final XmlDocumentParser parser = new XmlDocumentParser(ParserLimits.DEFAULT);

    @Test
    void roundTripsNamespacesAttributesAndText() throws Exception {
        Element original = Element.builder(Namespaces.CLIENT, "message")
                .attribute("to", "a@b/c")
                .attribute("id", "q'\"<&>\t\n\r")
                .attribute(Namespaces.XML_LANG, "en")
                .attribute(XmlName.of("urn:x", "custom"), "v")
                .child(Element.builder(Namespaces.CLIENT, "body").text("a < b & c > d\r\nend"))
                .child(Element.builder("urn:xmpp:receipts", "request"))
                .child(Element.builder("urn:other", "outer")
                        .child(Element.builder("urn:other", "inner").text("t")))
                .build();
        String xml = original.toXml();
        assertEquals(original, parser.parse(xml));
    }

    @Test
    void omitsNamespacesAlreadyInScope() {
        Element message = Element.builder(Namespaces.CLIENT, "message")
                .child(Element.builder(Namespaces.CLIENT, "body").text("hi")).build();
        assertEquals("<message><body>hi</body></message>",
                XmlWriter.toXml(message, XmlScope.CLIENT_STREAM));
        assertEquals("<message xmlns='jabber:client'><body>hi</body></message>", message.toXml());
    }

    @Test
    void writesStreamElementsWithTheStreamPrefix() throws Exception {
        Element features = Element.builder(Namespaces.STREAMS, "features")
                .child(Element.builder(Namespaces.TLS, "starttls")).build();
        assertEquals("<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                + "</stream:features>", XmlWriter.toXml(features, XmlScope.CLIENT_STREAM));
        String standalone = features.toXml();
        assertEquals(features, parser.parse(standalone));
    }

    @Test
    void replacesCharactersXmlCannotCarry() {
        Element e = Element.builder("urn:x", "a").text("x\u0001y\uD800z").build();
        assertEquals("<a xmlns='urn:x'>x\uFFFDy\uFFFDz</a>", e.toXml());
    }
}

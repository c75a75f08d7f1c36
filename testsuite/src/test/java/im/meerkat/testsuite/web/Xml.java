package im.meerkat.testsuite.web;

import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reading what the server sends, and the client elements the tests send. */
final class Xml {

    static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    static final String STREAMS = "http://etherx.jabber.org/streams";
    static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    static final String CLIENT = "jabber:client";
    static final String HTTPBIND = "http://jabber.org/protocol/httpbind";

    private static final XmlDocumentParser PARSER = new XmlDocumentParser(ParserLimits.DEFAULT);

    private Xml() {
    }

    static Element parse(String xml) {
        try {
            return PARSER.parse(xml);
        } catch (StreamErrorException e) {
            throw new AssertionError("the server sent no well-formed XML: " + xml, e);
        }
    }

    static String plainAuth(String user, String password) {
        String initial = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + initial + "</auth>";
    }

    static String bind(String resource) {
        return "<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='" + BIND + "'><resource>" + resource
                + "</resource></bind></iq>";
    }

    static String chat(String to, String id, String body) {
        return "<message xmlns='jabber:client' type='chat' to='" + to + "' id='" + id + "'><body>" + body + "</body></message>";
    }

    /** The condition of a {@code <stream:error/>}. */
    static String streamErrorCondition(Element error) {
        return error.elements().stream().filter(c -> c.namespace().equals(STREAM_ERRORS) && !c.localName().equals("text"))
                .map(Element::localName).findFirst().orElse(null);
    }
}

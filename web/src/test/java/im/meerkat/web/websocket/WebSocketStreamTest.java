package im.meerkat.web.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7395 framing without a container: messages in, stream events out, and back. */
class WebSocketStreamTest {

    private static final XmlDocumentParser PARSER = new XmlDocumentParser(ParserLimits.DEFAULT);
    private static final String OPEN = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.org' version='1.0' xml:lang='de'/>";

    private final RecordingStreamService service = new RecordingStreamService();
    private final FakeSocket socket = new FakeSocket();

    private WebSocketStream stream(boolean secure, String seeOther) {
        WebSocketStream s = new WebSocketStream(new ChannelId("n1", "ws-1"), null, secure, service,
                new OrderedSender(socket, 10), PARSER, seeOther);
        s.start();
        return s;
    }

    @Test
    void openBecomesAStreamHeaderInTheClientNamespace() {
        WebSocketStream s = stream(true, null);
        s.received(OPEN);
        assertEquals(List.of("opened", "header"), service.calls);
        StreamHeader h = service.headers.get(0);
        assertEquals("example.org", h.to());
        assertEquals("1.0", h.version());
        assertEquals("de", h.lang());
        assertEquals(Namespaces.CLIENT, h.contentNamespace());
        assertTrue(service.security.get(0).encrypted(), "wss is encrypted");
    }

    @Test
    void plainWebSocketIsNotEncrypted() {
        stream(false, null).received(OPEN);
        assertFalse(service.security.get(0).encrypted());
    }

    @Test
    void replyHeaderIsAnOpenElementWithIdAndFrom() throws Exception {
        WebSocketStream s = stream(true, null);
        s.openStream(StreamHeader.response("example.org", null, "abc", "en"));
        Element open = PARSER.parse(socket.written.get(0));
        assertTrue(open.is(WebSocketStream.OPEN), "RFC 7395 §3.3.2: <open/> in the framing namespace");
        assertEquals("abc", open.attribute("id"));
        assertEquals("example.org", open.attribute("from"));
        assertEquals("1.0", open.attribute("version"));
        assertEquals("en", open.attribute(Namespaces.XML_LANG));
    }

    @Test
    void elementsAreHandedOverAndSentOnePerMessage() throws Exception {
        WebSocketStream s = stream(true, null);
        s.received("<message xmlns='jabber:client' to='a@example.org'><body>hi</body></message>");
        assertEquals("element:message", service.calls.get(1));
        s.send(Element.builder(Namespaces.CLIENT, "message").child(Element.builder(Namespaces.CLIENT, "body").text("1")).build());
        s.send(Element.builder(Namespaces.CLIENT, "message").child(Element.builder(Namespaces.CLIENT, "body").text("2")).build());
        assertEquals(2, socket.written.size());
        assertEquals("1", PARSER.parse(socket.written.get(0)).elements().get(0).text());
        assertEquals("2", PARSER.parse(socket.written.get(1)).elements().get(0).text());
    }

    @Test
    void clientCloseIsPeerClosedAndOurCloseEndsTheSocket() throws Exception {
        WebSocketStream s = stream(true, null);
        s.received("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
        assertEquals(List.of("opened", "peerClosed"), service.calls);
        s.close(null);
        assertTrue(PARSER.parse(socket.written.get(0)).is(WebSocketStream.CLOSE));
        assertEquals(OrderedSender.NORMAL, socket.closeCode);
        assertFalse(s.send(Element.empty(im.meerkat.xmpp.xml.XmlName.of(Namespaces.CLIENT, "message"))), "nothing after <close/>");
        s.gone();
        s.gone();
        assertEquals(List.of("opened", "peerClosed", "closed"), service.calls, "closed exactly once");
    }

    @Test
    void twoElementsInOneMessageAreNotWellFormed() throws Exception {
        assertStreamError("<presence xmlns='jabber:client'/><presence xmlns='jabber:client'/>",
                StreamErrorCondition.NOT_WELL_FORMED);
    }

    @Test
    void textThatIsNoXmlIsNotWellFormed() throws Exception {
        assertStreamError("hello", StreamErrorCondition.NOT_WELL_FORMED);
    }

    @Test
    void incompleteElementIsNotWellFormed() throws Exception {
        assertStreamError("<message xmlns='jabber:client'>", StreamErrorCondition.NOT_WELL_FORMED);
    }

    @Test
    void commentIsRestrictedXml() throws Exception {
        assertStreamError("<presence xmlns='jabber:client'><!-- x --></presence>", StreamErrorCondition.RESTRICTED_XML);
    }

    private void assertStreamError(String message, StreamErrorCondition expected) throws Exception {
        WebSocketStream s = stream(true, null);
        s.received(OPEN);
        s.received(message);
        assertEquals(List.of("opened", "header"), service.calls, "nothing of the bad message reaches the stream");
        assertEquals(2, socket.written.size());
        Element error = PARSER.parse(socket.written.get(0));
        assertTrue(error.is(StreamError.ERROR));
        assertEquals(expected, StreamError.fromElement(error).condition());
        assertTrue(PARSER.parse(socket.written.get(1)).is(WebSocketStream.CLOSE), "RFC 7395 §3.6: <close/> follows");
        assertEquals(OrderedSender.NORMAL, socket.closeCode);
        s.received("<presence xmlns='jabber:client'/>");
        assertEquals(2, service.calls.size(), "nothing is read after the error");
    }

    @Test
    void seeOtherUriRedirectsTheFirstOpen() throws Exception {
        WebSocketStream s = stream(true, "wss://other.example.org/ws-xmpp");
        s.received(OPEN);
        assertEquals(List.of("opened"), service.calls, "RFC 7395 §3.6.1: no stream is served here");
        Element close = PARSER.parse(socket.written.get(0));
        assertTrue(close.is(WebSocketStream.CLOSE));
        assertEquals("wss://other.example.org/ws-xmpp", close.attribute("see-other-uri"));
        assertEquals(OrderedSender.NORMAL, socket.closeCode);
    }

    @Test
    void streamErrorFromTheServiceIsSentBeforeClose() throws Exception {
        WebSocketStream s = stream(false, null);
        s.close(StreamError.of(StreamErrorCondition.POLICY_VIOLATION, "encrypt"));
        assertEquals(StreamErrorCondition.POLICY_VIOLATION,
                StreamError.fromElement(PARSER.parse(socket.written.get(0))).condition());
        assertTrue(PARSER.parse(socket.written.get(1)).is(WebSocketStream.CLOSE));
    }

    @Test
    void noStartTlsOverWebSocket() {
        assertFalse(stream(true, null).supportsStartTls());
    }
}

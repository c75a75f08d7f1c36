package im.meerkat.load;

import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLParameters;

/**
 * What the WebSocket and BOSH load clients share: one {@code java.net.http} client for all
 * sessions (its selector thread serves every connection, so no thread waits per session), the
 * document parser (each WebSocket message and each BOSH body is one XML document), and the
 * stanzas of a PLAIN login.
 */
final class WebClients {

    static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    static final String STREAMS = "http://etherx.jabber.org/streams";

    private static final HttpClient HTTP = create();

    private WebClients() {
    }

    static HttpClient http() {
        return HTTP;
    }

    static Element parse(String xml) throws IOException {
        try {
            return new XmlDocumentParser(ParserLimits.DEFAULT).parse(xml);
        } catch (StreamErrorException e) {
            throw new IOException("server sent bad XML: " + e.getMessage(), e);
        }
    }

    static String plainAuth(String user, String password) {
        String token = "\0" + user + "\0" + password;
        return "<auth xmlns='" + SASL + "' mechanism='PLAIN'>"
                + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)) + "</auth>";
    }

    static String bind(String resource) {
        return "<iq xmlns='jabber:client' type='set' id='bind'><bind xmlns='" + BIND + "'>"
                + (resource == null ? "" : "<resource>" + resource + "</resource>") + "</bind></iq>";
    }

    /** The bound JID from a bind result, or an exception naming what came instead. */
    static String boundJid(Element result) throws IOException {
        if (!result.localName().equals("iq") || !"result".equals(result.attribute("type"))) {
            throw new IOException("bind failed: " + result.toXml());
        }
        return result.elements().get(0).elements().get(0).text();
    }

    static Element require(Element element, String namespace, String local, String what) throws IOException {
        if (element == null) {
            throw new IOException("no " + what + " from the server in time");
        }
        if (!element.is(namespace, local)) {
            throw new IOException("expected " + what + ", got " + element.toXml());
        }
        return element;
    }

    private static HttpClient create() {
        SSLParameters parameters = new SSLParameters();
        // loopback with the node's self-signed certificate: see TrustAll
        parameters.setEndpointIdentificationAlgorithm(null);
        return HttpClient.newBuilder()
                .sslContext(TrustAll.context())
                .sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }
}

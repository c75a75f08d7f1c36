package im.meerkat.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.metrics.ServerMetrics;
import im.meerkat.server.sasl.ChannelBinding;
import im.meerkat.server.sasl.SaslMechanisms;
import im.meerkat.server.sasl.ScramAlgorithm;
import im.meerkat.server.sasl.ScramClient;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the stream tests share: the state machine over a fake channel, a fake session manager,
 * in-memory accounts and a scheduler that runs delayed tasks when a test says so.
 */
abstract class StreamFixture {

    /** The server's entity capabilities the fixture's streams announce (XEP-0115 §6.3). */
    static final Element SERVER_CAPS = Element.builder(XmlName.of("http://jabber.org/protocol/caps",
            "c")).attribute("hash", "sha-1").attribute("node", "urn:meerkat:server")
            .attribute("ver", "QgayPKawpkPSDYmwT/WM94uAlu0=").build();
    static final byte[] END_POINT = "server certificate hash".getBytes(StandardCharsets.UTF_8);
    static final TransportSecurity TLS = new TransportSecurity(true, "TLSv1.3", "TLS_AES_128_GCM_SHA256",
            Map.of(ChannelBinding.TLS_SERVER_END_POINT, END_POINT));
    static final TransportSecurity TLS_NO_BINDING = new TransportSecurity(true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", Map.of());
    static final XmlDocumentParser PARSER = new XmlDocumentParser(ParserLimits.DEFAULT);
    static final String SASL = Namespaces.SASL;

    record Scheduled(Runnable task, Duration delay) {
    }

    final FakeAccounts accounts = new FakeAccounts();
    final FakeSessions sessions = new FakeSessions();
    final List<Scheduled> scheduled = new ArrayList<>();
    final Map<String, String> settings = new HashMap<>(Map.of("meerkat.domain", "example.org"));
    final AtomicInteger ids = new AtomicInteger();
    StreamService service;

    @BeforeEach
    void accounts() throws Exception {
        accounts.create(Jid.of("alice@example.org"), "correct horse");
    }

    /** A new connection; the service is made at the first, with the settings of that moment. */
    FakeChannel connect(boolean startTls) {
        if (service == null) {
            service = new StreamService(new StreamEnvironment(new ServerConfig(settings::get),
                new SaslMechanisms(() -> "servernonce", 4096), accounts, accounts, sessions,
                (task, delay) -> scheduled.add(new Scheduled(task, delay)), () -> "id" + ids.incrementAndGet(),
                ServerMetrics.none(), SmSettings.read(settings::get),
                () -> java.util.Optional.of(SERVER_CAPS)));
        }
        FakeChannel channel = new FakeChannel("c" + ids.incrementAndGet(), startTls);
        service.opened(channel, channel);
        return channel;
    }

    static StreamHeader header(String to, String version, String namespace) {
        return new StreamHeader(to, "alice@example.org", null, version, "en", namespace,
                Map.of("stream", Namespaces.STREAMS));
    }

    static StreamHeader header() {
        return header("example.org", "1.0", Namespaces.CLIENT);
    }

    static Element xml(String text) {
        try {
            return PARSER.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    void send(FakeChannel c, String text) {
        service.element(c.id, xml(text));
    }

    StreamState state(FakeChannel c) {
        return service.state(c.id).orElse(null);
    }

    static List<String> mechanisms(Element features) {
        return features.child(XmlName.of(SASL, "mechanisms")).orElseThrow()
                .children(XmlName.of(SASL, "mechanism")).stream().map(Element::text).toList();
    }

    static void assertStreamError(FakeChannel c, StreamErrorCondition condition) {
        assertTrue(c.closed, "stream closed");
        assertEquals(condition, c.closeError == null ? null : c.closeError.condition());
    }

    static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An encrypted stream (direct TLS) that has reached AWAIT_AUTH. */
    FakeChannel atAuth(TransportSecurity security) {
        FakeChannel c = connect(true);
        service.header(c.id, header(), security);
        c.only();
        assertEquals(StreamState.AWAIT_AUTH, state(c));
        return c;
    }

    /** Logs alice in with PLAIN and binds resource "laptop". */
    FakeChannel bound() {
        FakeChannel c = atAuth(TLS);
        send(c, "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + b64("\0alice\0correct horse") + "</auth>");
        assertEquals("success", c.only().localName());
        service.header(c.id, header(), TLS);
        c.only();
        send(c, "<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns='" + Namespaces.BIND
                + "'><resource>laptop</resource></bind></iq>");
        c.only();
        assertEquals(StreamState.BOUND, state(c));
        return c;
    }
}

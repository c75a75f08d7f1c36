package im.meerkat.server.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaError;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service at upload.<domain>: discovery (XEP-0363 §3) and slot requests (§4, §5). */
class UploadServiceTest {

    private static final String NS = "urn:xmpp:http:upload:0";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Jid ALICE = Jid.of("alice@example.org/phone");

    private final SlotSigner signer = new SlotSigner("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));
    private final UploadService service = service(Map.of("meerkat.upload.max-file-size", "1000",
            "meerkat.upload.url", "https://files.example.org/upload/"));

    private UploadService service(Map<String, String> settings) {
        return new UploadService(new ServerConfig(Map.of("meerkat.domain", "example.org")::get),
                new UploadSettings(settings::get), signer, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Iq iq(String type, String payload) throws Exception {
        return (Iq) Stanza.of(Xml.parse("<iq xmlns='jabber:client' type='" + type + "' id='u1' "
                + "to='upload.example.org'>" + payload + "</iq>")).withFrom(ALICE);
    }

    private Element answer(String payload) throws Exception {
        Iq reply = service.handle(ALICE, iq("get", payload));
        assertEquals(Iq.Type.RESULT, reply.type());
        assertEquals("upload.example.org", reply.from().toString());
        return reply.payload().orElseThrow();
    }

    private StanzaError refusal(Jid from, String type, String payload) throws Exception {
        Iq request = iq(type, payload);
        return assertThrows(StanzaErrorException.class, () -> service.handle(from, request)).error();
    }

    private static String request(String attributes) {
        return "<request xmlns='" + NS + "' " + attributes + "/>";
    }

    @Test
    void theServiceIsASubdomainOfEachServedDomain() {
        assertEquals("upload.example.org", service.address("example.org").orElseThrow().toString());
        assertTrue(service.address("other.org").isEmpty());
        assertTrue(service.isAt("upload.example.org"));
        assertFalse(service.isAt("upload.other.org"));
        assertFalse(service.isAt("example.org"));
        UploadService off = service(Map.of("meerkat.upload.enabled", "false"));
        assertTrue(off.address("example.org").isEmpty());
        assertFalse(off.isAt("upload.example.org"));
    }

    @Test
    void discoInfoHasTheIdentityTheFeatureAndTheMaximumSize() throws Exception { // §3, XEP-0128
        Element query = answer("<query xmlns='" + DISCO_INFO + "'/>");
        Element identity = query.child(XmlName.of(DISCO_INFO, "identity")).orElseThrow();
        assertEquals("store", identity.attribute("category"));
        assertEquals("file", identity.attribute("type"));
        assertTrue(query.children(XmlName.of(DISCO_INFO, "feature")).stream()
                .anyMatch(f -> NS.equals(f.attribute("var"))), query::toXml);
        Element form = query.child(XmlName.of("jabber:x:data", "x")).orElseThrow();
        assertEquals("result", form.attribute("type"));
        Map<String, String> fields = new java.util.HashMap<>();
        for (Element field : form.children(XmlName.of("jabber:x:data", "field"))) {
            fields.put(field.attribute("var"),
                    field.childText(XmlName.of("jabber:x:data", "value")).orElse(""));
        }
        assertEquals(Map.of("FORM_TYPE", NS, "max-file-size", "1000"), fields);
    }

    @Test
    void aSlotHasPutAndGetUrlsAndTheAuthorizationHeader() throws Exception { // §4
        Element slot = answer(request("filename='my file ü.png' size='1000' content-type='image/png'"));
        assertEquals(XmlName.of(NS, "slot"), slot.name());
        Element put = slot.child(XmlName.of(NS, "put")).orElseThrow();
        String get = slot.child(XmlName.of(NS, "get")).orElseThrow().attribute("url");
        assertEquals(get, put.attribute("url"));
        assertTrue(get.matches("https://files\\.example\\.org/upload/[A-Za-z0-9_-]{22}/my%20file%20%C3%BC\\.png"), get);
        List<Element> headers = put.children(XmlName.of(NS, "header"));
        assertEquals(1, headers.size());
        assertEquals("Authorization", headers.get(0).attribute("name"));
        String id = get.split("/")[4];
        UploadSlot opened = signer.verify(id, "my file ü.png", headers.get(0).text(), NOW);
        assertEquals(1000, opened.size());
        assertEquals("image/png", opened.contentType());
        assertEquals(NOW.plusSeconds(300), opened.expires());
    }

    @Test
    void withoutAContentTypeTheSlotIsForOctetStreams() throws Exception {
        Element slot = answer(request("filename='a.bin' size='1'"));
        String get = slot.child(XmlName.of(NS, "get")).orElseThrow().attribute("url");
        String header = slot.child(XmlName.of(NS, "put")).orElseThrow()
                .child(XmlName.of(NS, "header")).orElseThrow().text();
        assertEquals("application/octet-stream",
                signer.verify(get.split("/")[4], "a.bin", header, NOW).contentType());
    }

    @Test
    void theDefaultUrlIsTheDomainsHttpsPort() throws Exception {
        UploadService defaults = service(Map.of());
        Iq reply = defaults.handle(ALICE, iq("get", request("filename='a' size='1'")));
        assertTrue(reply.payload().orElseThrow().child(XmlName.of(NS, "get")).orElseThrow()
                .attribute("url").startsWith("https://example.org:8443/upload/"));
    }

    @Test
    void aFileAboveTheMaximumIsTooLargeAndTheErrorSaysTheMaximum() throws Exception { // §5
        StanzaError error = refusal(ALICE, "get", request("filename='big' size='1001'"));
        assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, error.condition());
        Element tooLarge = error.toElement("jabber:client")
                .child(XmlName.of(NS, "file-too-large")).orElseThrow();
        assertEquals("1000", tooLarge.childText(XmlName.of(NS, "max-file-size")).orElseThrow());
    }

    @Test
    void missingOrInvalidAttributesAreBadRequests() throws Exception { // §5
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(ALICE, "get", request("size='1'")).condition());
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(ALICE, "get", request("filename='a'")).condition());
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(ALICE, "get", request("filename='a' size='-1'")).condition());
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(ALICE, "get", request("filename='a' size='ten'")).condition());
        assertEquals(StanzaErrorCondition.BAD_REQUEST,
                refusal(ALICE, "get", request("filename='a' size='1' content-type='no type'")).condition());
        assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE,
                refusal(ALICE, "get", request("filename='../../etc/passwd' size='1'")).condition());
        assertEquals(StanzaErrorCondition.BAD_REQUEST,
                refusal(ALICE, "set", request("filename='a' size='1'")).condition());
    }

    @Test
    void onlyLocalUsersGetSlots() throws Exception {
        assertEquals(StanzaErrorCondition.NOT_ALLOWED,
                refusal(Jid.of("mallory@elsewhere.net/x"), "get", request("filename='a' size='1'")).condition());
    }

    @Test
    void otherPayloadsAreUnavailable() throws Exception {
        assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE,
                refusal(ALICE, "get", "<ping xmlns='urn:xmpp:ping'/>").condition());
        assertEquals(StanzaErrorCondition.ITEM_NOT_FOUND,
                refusal(ALICE, "get", "<query xmlns='" + DISCO_INFO + "' node='x'/>").condition());
    }
}

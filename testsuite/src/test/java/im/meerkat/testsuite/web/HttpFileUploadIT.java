package im.meerkat.testsuite.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.UploadService;
import org.jivesoftware.smackx.httpfileupload.element.FileTooLargeError;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.jivesoftware.smackx.httpfileupload.element.SlotRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * HTTP File Upload (XEP-0363) end to end: Smack's {@code HttpFileUploadManager} finds the
 * service at {@code upload.localhost}, asks for a slot and PUTs a file over HTTPS; the GET URL
 * then serves the same bytes. Bad slot requests and bad PUTs and GETs get the XMPP errors of §5
 * and the HTTP statuses docs/WEB.md lists.
 */
class HttpFileUploadIT {

    private static final String NS = "urn:xmpp:http:upload:0";
    /** The default of meerkat.upload.max-file-size. */
    private static final long MAX = 10L * 1024 * 1024;

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private final HttpClient http = Https.client();

    private HttpFileUploadManager manager(XMPPTCPConnection connection) throws Exception {
        HttpFileUploadManager manager = HttpFileUploadManager.getInstanceFor(connection);
        assertTrue(manager.discoverUploadService(), "§3: the service is found through disco#items");
        manager.setTlsContext(HttpsPin.learn(clients.node()).sslContext());
        return manager;
    }

    private HttpResponse<byte[]> get(URL url) throws Exception {
        return http.send(HttpRequest.newBuilder(url.toURI()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> put(Slot slot, Map<String, String> headers, String contentType,
            byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(slot.getPutUrl().toURI())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void smackUploadsAFileAndItsGetUrlServesTheSameBytes(@TempDir Path dir) throws Exception {
        Account alice = clients.newAccount("uploader");
        XMPPTCPConnection connection = clients.connect(alice, "phone");
        HttpFileUploadManager manager = manager(connection);
        UploadService service = manager.getDefaultUploadService();
        assertEquals("upload." + clients.node().domain(), service.getAddress().toString());
        assertEquals(UploadService.Version.v0_3, service.getVersion(), "urn:xmpp:http:upload:0");
        assertEquals(MAX, service.getMaxFileSize(), "§3: max-file-size in the XEP-0128 form");
        assertTrue(ServiceDiscoveryManager.getInstanceFor(connection)
                .discoverInfo(service.getAddress()).hasIdentity("store", "file"));

        byte[] bytes = new byte[200_000];
        new Random(363).nextBytes(bytes);
        Path file = dir.resolve("holiday photo.bin");
        Files.write(file, bytes);
        URL url = manager.uploadFile(file.toFile());

        HttpResponse<byte[]> response = get(url);
        assertEquals(200, response.statusCode());
        assertArrayEquals(bytes, response.body());
        assertEquals("application/octet-stream",
                response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void aSlotForMoreThanTheMaximumIsFileTooLarge() throws Exception { // §5
        XMPPTCPConnection connection = clients.connect(clients.newAccount("big"), "phone");
        SlotRequest request = new SlotRequest(JidCreate.domainBareFrom("upload." + clients.node().domain()),
                "huge.iso", MAX + 1, "application/octet-stream");
        XMPPErrorException error = assertThrows(XMPPErrorException.class,
                () -> connection.sendIqRequestAndWaitForResponse(request));
        StanzaError stanzaError = error.getStanzaError();
        assertEquals(StanzaError.Condition.not_acceptable, stanzaError.getCondition());
        FileTooLargeError tooLarge = assertInstanceOf(FileTooLargeError.class,
                stanzaError.getExtension(FileTooLargeError.ELEMENT, NS));
        assertEquals(MAX, tooLarge.getMaxFileSize());
    }

    @Test
    void aSlotRequestWithoutASizeIsABadRequest() throws Exception { // §5
        XMPPTCPConnection connection = clients.connect(clients.newAccount("nosize"), "phone");
        SlotRequest request = new SlotRequest(JidCreate.domainBareFrom("upload." + clients.node().domain()),
                "", 10, null);
        XMPPErrorException error = assertThrows(XMPPErrorException.class,
                () -> connection.sendIqRequestAndWaitForResponse(request));
        assertEquals(StanzaError.Condition.bad_request, error.getStanzaError().getCondition());
    }

    @Test
    void putsThatDoNotMatchTheSlotAreRefusedAndTheSlotStaysUsable() throws Exception {
        XMPPTCPConnection connection = clients.connect(clients.newAccount("putter"), "phone");
        Slot slot = manager(connection).requestSlot("notes.txt", 5, "text/plain");
        Map<String, String> headers = slot.getHeaders();
        byte[] body = "hello".getBytes();

        assertEquals(403, put(slot, Map.of(), "text/plain", body).statusCode(), "no Authorization");
        String wrong = headers.get("Authorization").substring(0, headers.get("Authorization").length() - 2) + "xx";
        assertEquals(403, put(slot, Map.of("Authorization", wrong), "text/plain", body).statusCode(),
                "a wrong secret");
        assertEquals(413, put(slot, headers, "text/plain", "hello, world".getBytes()).statusCode(),
                "more bytes than the slot's size");
        assertEquals(400, put(slot, headers, "text/plain", "hell".getBytes()).statusCode(),
                "fewer bytes than the slot's size");
        assertEquals(400, put(slot, headers, "image/png", body).statusCode(), "another content type");
        assertEquals(404, get(slot.getGetUrl()).statusCode(), "nothing was stored");

        assertEquals(201, put(slot, headers, "text/plain", body).statusCode());
        HttpResponse<String> second = put(slot, headers, "text/plain", "HELLO".getBytes());
        assertEquals(409, second.statusCode(), "one PUT per slot");
        HttpResponse<byte[]> stored = get(slot.getGetUrl());
        assertEquals(200, stored.statusCode());
        assertArrayEquals(body, stored.body(), "the first PUT is kept");
        assertEquals("text/plain", stored.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void unknownFilesAreNotFound() throws Exception {
        URI base = URI.create("https://127.0.0.1:" + Https.httpsPort(clients.node()) + "/upload/");
        for (String path : new String[] {"AAAAAAAAAAAAAAAAAAAAAA/none.txt", "not-an-id/none.txt", "", "x"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode(), path);
        }
    }
}

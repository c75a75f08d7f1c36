package im.meerkat.testsuite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * BOSH (XEP-0124) carrying XMPP (XEP-0206) at {@code /http-bind}: a client logs in over HTTPS and
 * chats with a TCP user; bad requests get the terminal conditions of XEP-0124 §17.
 */
class BoshIT {

    private static final int COUNT = 50;

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private BoshClient client() {
        return new BoshClient(Https.boshHttps(clients.node()));
    }

    @Test
    void boshUserChatsWithTcpUserBothWaysInOrder() throws Exception {
        Account alice = clients.newAccount("boshalice");
        Account bob = clients.newAccount("tcpbob");
        XMPPTCPConnection tcp = clients.connect(bob, "desk");
        try (BoshClient bosh = client()) {
            String full = bosh.login(alice.domain(), alice.user(), alice.password(), "browser");
            assertEquals(alice.bare() + "/browser", full);
            String table = clients.node().ctl().run("sessions").stdout();
            assertTrue(table.lines().anyMatch(l -> l.startsWith(full + "\t") && l.contains("\tbosh\t127.0.0.1:")),
                    "the session table lists the BOSH session with its client address:\n" + table);

            try (Inbox atBob = Inbox.messages(tcp, FromMatchesFilter.createFull(JidCreate.from(full)))) {
                for (int i = 0; i < COUNT; i++) {
                    bosh.send(Xml.chat(tcp.getUser().toString(), "m" + i, "bosh " + i));
                }
                for (int i = 0; i < COUNT; i++) {
                    Message m = atBob.nextMessage("message " + i + " from the BOSH user");
                    assertEquals("bosh " + i, m.getBody(), "XEP-0124 §14.2 and RFC 6120 §10.1: in rid order");
                }
            }
            for (int i = 0; i < COUNT; i++) {
                Chat.send(tcp, JidCreate.from(full), "tcp " + i);
            }
            for (int i = 0; i < COUNT; i++) {
                Element m = bosh.expect(Xml.CLIENT, "message");
                assertEquals("tcp " + i, m.child("body").orElseThrow().text(), "in the order sent");
            }
        }
    }

    @Test
    void requestsArrivingOutOfOrderAreProcessedInRidOrder() throws Exception {
        Account alice = clients.newAccount("boshorder");
        Account bob = clients.newAccount("tcpbob");
        XMPPTCPConnection tcp = clients.connect(bob, "desk");
        BoshClient bosh = client();
        String domain = alice.domain();
        bosh.create(domain, 10, 1);
        String sid = "' sid='" + bosh.sid() + "'";
        long rid = bosh.nextRid();
        assertTrue(bosh.post(BoshClient.body("rid='" + rid + sid, Xml.plainAuth(alice.user(), alice.password()))).body()
                .contains("success"));
        assertTrue(bosh.post(BoshClient.body("rid='" + (rid + 1) + sid + " to='" + domain + "' xmpp:restart='true'", "")).body()
                .contains("features"));
        String bound = bosh.post(BoshClient.body("rid='" + (rid + 2) + sid, Xml.bind("order"))).body();
        assertTrue(bound.contains("result"), bound);
        String full = alice.bare() + "/order";
        try (Inbox atBob = Inbox.messages(tcp, FromMatchesFilter.createFull(JidCreate.from(full)))) {
            // rid+4 is sent first and must wait for rid+3 (XEP-0124 §14.2)
            var second = postAsync(bosh, BoshClient.body("rid='" + (rid + 4) + sid, Xml.chat(tcp.getUser().toString(), "2", "second")));
            sleep(500);
            var first = postAsync(bosh, BoshClient.body("rid='" + (rid + 3) + sid, Xml.chat(tcp.getUser().toString(), "1", "first")));
            assertEquals("first", atBob.nextMessage("the message of rid+3").getBody());
            assertEquals("second", atBob.nextMessage("the message of rid+4").getBody());
            assertEquals(200, first.join().statusCode(), "the older request is answered when the newer one is held");
            bosh.post(BoshClient.body("rid='" + (rid + 5) + sid + " type='terminate'", ""));
            assertEquals(200, second.join().statusCode());
        }
    }

    @Test
    void pauseAnswersTheHeldRequestAndAboveMaxpauseIsPolicyViolation() {
        BoshClient bosh = client();
        Element created = bosh.create(clients.node().domain(), 10, 1);
        long maxpause = Long.parseLong(created.attribute("maxpause"));
        String sid = "' sid='" + bosh.sid() + "'";
        long rid = bosh.nextRid();
        var held = postAsync(bosh, BoshClient.body("rid='" + rid + sid, ""));
        sleep(300);
        HttpResponse<String> pause = bosh.post(BoshClient.body("rid='" + (rid + 1) + sid + " pause='" + maxpause + "'", ""));
        assertEquals(200, pause.statusCode());
        assertEquals(null, Xml.parse(pause.body()).attribute("type"), "XEP-0124 §10: the pause is granted");
        assertEquals(200, held.join().statusCode(), "§10: held requests are answered at once");
        assertTerminate(bosh.post(BoshClient.body("rid='" + (rid + 2) + sid + " pause='" + (maxpause + 1) + "'", "")),
                "policy-violation");
    }

    @Test
    void creationAnswerNamesTheSessionAndCarriesFeatures() {
        try (BoshClient bosh = client()) {
            Element body = bosh.create(clients.node().domain(), 500, 3);
            assertNotNull(body.attribute("sid"));
            assertEquals("60", body.attribute("wait"), "XEP-0124 §7.2: the server's wait is at most its limit");
            assertEquals("1", body.attribute("hold"));
            assertEquals("2", body.attribute("requests"));
            assertNotNull(body.attribute("inactivity"));
            assertNotNull(body.attribute("maxpause"));
            assertEquals("1.0", body.attribute(XmlName.of("urn:xmpp:xbosh", "version")), "XEP-0206 §5");
            assertEquals(clients.node().domain(), body.attribute("from"));
            Element features = bosh.expect(Xml.STREAMS, "features");
            assertTrue(features.child(XmlName.of(Xml.SASL, "mechanisms")).isPresent());
        }
    }

    @Test
    void unknownSidIsItemNotFound() {
        HttpResponse<String> r = client().post(BoshClient.body("rid='10' sid='no-such-session'", ""));
        assertTerminate(r, "item-not-found");
    }

    @Test
    void ridOutsideTheWindowIsItemNotFound() {
        BoshClient bosh = client();
        bosh.create(clients.node().domain(), 10, 1);
        long far = bosh.nextRid() + 10;
        assertTerminate(bosh.post(BoshClient.body("rid='" + far + "' sid='" + bosh.sid() + "'", "")), "item-not-found");
        assertTerminate(bosh.post(BoshClient.body("rid='" + bosh.nextRid() + "' sid='" + bosh.sid() + "'", "")),
                "item-not-found");
    }

    @Test
    void repeatedRidGetsTheCachedAnswer() {
        BoshClient bosh = client();
        bosh.create(clients.node().domain(), 10, 1);
        // A mechanism that is not offered gets an immediate SASL failure, which answers the request.
        String request = BoshClient.body("rid='" + bosh.nextRid() + "' sid='" + bosh.sid() + "'",
                "<auth xmlns='" + Xml.SASL + "' mechanism='NO-SUCH-MECHANISM'/>");
        HttpResponse<String> first = bosh.post(request);
        assertTrue(Xml.parse(first.body()).elements().get(0).is(Xml.SASL, "failure"), first.body());
        HttpResponse<String> again = bosh.post(request);
        assertEquals(200, again.statusCode());
        assertEquals(first.body(), again.body(), "XEP-0124 §14.3: the same answer again");
    }

    @Test
    void tooManySimultaneousRequestsArePolicyViolation() {
        BoshClient bosh = client();
        bosh.create(clients.node().domain(), 10, 1);
        long rid = bosh.nextRid();
        String sid = bosh.sid();
        // rid is held (nothing to send); rid+2 waits for rid+1 (§14.2): two requests are open, as
        // many as requests='2' allows, so rid+1 is one too many (§11).
        var held = postAsync(bosh, BoshClient.body("rid='" + rid + "' sid='" + sid + "'", ""));
        sleep(300);
        var early = postAsync(bosh, BoshClient.body("rid='" + (rid + 2) + "' sid='" + sid + "'", ""));
        sleep(300);
        HttpResponse<String> more = bosh.post(BoshClient.body("rid='" + (rid + 1) + "' sid='" + sid + "'", ""));
        assertTerminate(more, "policy-violation");
        assertEquals("terminate", Xml.parse(held.join().body()).attribute("type"), "the session is over");
        assertEquals("terminate", Xml.parse(early.join().body()).attribute("type"));
    }

    private java.util.concurrent.CompletableFuture<HttpResponse<String>> postAsync(BoshClient bosh, String body) {
        return bosh.http().sendAsync(HttpRequest.newBuilder(Https.boshHttps(clients.node()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        String big = "x".repeat(300 * 1024);
        HttpResponse<String> r = client().post(BoshClient.body("rid='1' to='" + clients.node().domain() + "'",
                "<message xmlns='jabber:client' to='a@localhost'><body>" + big + "</body></message>"));
        assertEquals(413, r.statusCode(), "XEP-0124 §17.1: request entity too large");
    }

    @Test
    void bodyThatIsNoXmlIsBadRequest() {
        HttpResponse<String> r = client().post("this is no XML");
        assertEquals(400, r.statusCode());
        assertEquals("bad-request", Xml.parse(r.body()).attribute("condition"));
    }

    @Test
    void creationWithoutToIsBadRequest() {
        HttpResponse<String> r = client().post(BoshClient.body("rid='5' wait='10' hold='1'", ""));
        assertEquals("bad-request", Xml.parse(r.body()).attribute("condition"));
    }

    @Test
    void corsPreflightIsAnswered() throws Exception {
        HttpResponse<String> r = client().http().send(HttpRequest.newBuilder(Https.boshHttps(clients.node()))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://chat.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase().contains("content-type"));
        HttpResponse<String> post = client().post(BoshClient.body("rid='7' sid='none'", ""),
                Map.of("Origin", "https://chat.example.org"));
        assertTrue(post.headers().firstValue("Access-Control-Allow-Origin").isPresent(), "CORS on the POST too");
    }

    @Test
    void plainHttpIsRefusedWhileTlsIsRequired() {
        BoshClient bosh = new BoshClient(Https.boshHttp(clients.node()));
        HttpResponse<String> r = bosh.post(BoshClient.body("rid='100' to='" + clients.node().domain()
                + "' wait='10' hold='1' ver='1.11' xmpp:version='1.0'", ""));
        Element body = Xml.parse(r.body());
        assertEquals("terminate", body.attribute("type"));
        assertEquals("remote-stream-error", body.attribute("condition"), "XEP-0206 §7");
        Element error = body.elements().stream().filter(e -> e.is(Xml.STREAMS, "error")).findFirst().orElseThrow();
        assertEquals("policy-violation", Xml.streamErrorCondition(error));
    }

    @Test
    void terminateEndsTheSession() {
        Account alice = clients.newAccount("boshbye");
        BoshClient bosh = client();
        String full = bosh.login(alice.domain(), alice.user(), alice.password(), "gone");
        HttpResponse<String> bye = bosh.post(BoshClient.body("rid='" + bosh.nextRid() + "' sid='" + bosh.sid()
                + "' type='terminate'", "<presence xmlns='jabber:client' type='unavailable'/>"));
        assertEquals("terminate", Xml.parse(bye.body()).attribute("type"), "XEP-0124 §13");
        Await.until("the session to be gone", () -> clients.node().admin().sessionJids().stream().noneMatch(full::equals),
                () -> clients.node().admin().sessionJids());
        assertTerminate(bosh.post(BoshClient.body("rid='" + (bosh.nextRid() + 1) + "' sid='" + bosh.sid() + "'", "")),
                "item-not-found");
    }

    private static void assertTerminate(HttpResponse<String> r, String condition) {
        assertEquals(200, r.statusCode(), "XEP-0124 §17.2: terminal conditions come with HTTP 200: " + r.body());
        Element body = Xml.parse(r.body());
        assertEquals("terminate", body.attribute("type"), r.body());
        assertEquals(condition, body.attribute("condition"), r.body());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

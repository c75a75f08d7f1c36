package im.meerkat.testsuite.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.ReceivedStream;
import im.meerkat.testsuite.harness.XmlNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** XEP-0198 on the wire, with input and timing Smack would not produce. */
class StreamManagementWireIT {

    static final String SM = "urn:xmpp:sm:3";
    static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private RawXmppClient connect() throws IOException {
        return RawXmppClient.connect(clients.node().config().c2sPort());
    }

    /** STARTTLS, PLAIN and the restarted stream: authenticated, nothing bound. */
    private XmlNode authenticated(RawXmppClient raw, Account account) throws IOException {
        MeerkatNode node = clients.node();
        raw.openStream(node.domain());
        raw.awaitFeatures();
        raw.startTls(node.tls().sslContext());
        raw.startTlsStream(node.domain());
        assertTrue(raw.authenticatePlain(account.user(), account.password()).is(RawXmppClient.SASL_NS, "success"));
        raw.openStream(node.domain());
        return raw.awaitFeatures();
    }

    private String login(RawXmppClient raw, Account account, String resource) throws IOException {
        return raw.login(clients.node().domain(), clients.node().tls().sslContext(), account.user(),
                account.password(), resource);
    }

    private static List<XmlNode> all(ReceivedStream s, String localName) {
        return s.elements().stream().filter(e -> e.is(SM, localName)).toList();
    }

    private static XmlNode awaitNth(RawXmppClient raw, String localName, int n) throws IOException {
        ReceivedStream s = raw.await(r -> all(r, localName).size() >= n, WAIT);
        List<XmlNode> found = all(s, localName);
        assertTrue(found.size() >= n, "expected <" + localName + "/> number " + n + "; got: " + raw.text());
        return found.get(n - 1);
    }

    private static XmlNode awaitOneOf(RawXmppClient raw, String... localNames) throws IOException {
        ReceivedStream s = raw.await(r -> r.find(e -> e.namespace().equals(SM)
                && List.of(localNames).contains(e.name())).isPresent(), WAIT);
        return s.find(e -> e.namespace().equals(SM) && List.of(localNames).contains(e.name()))
                .orElseThrow(() -> new AssertionError("no " + List.of(localNames) + ": " + raw.text()));
    }

    @Test
    void section2And3FeatureAfterAuthenticationAndEnableBeforeBindFails() throws Exception {
        Account alice = clients.newAccount("alice");
        try (RawXmppClient raw = connect()) {
            XmlNode features = authenticated(raw, alice);
            assertTrue(features.child(SM, "sm").isPresent(), "<sm/> offered: " + features);
            assertTrue(features.child("urn:xmpp:csi:0", "csi").isPresent(), "<csi/> offered: " + features);
            raw.send("<enable xmlns='" + SM + "'/>");
            XmlNode failed = awaitOneOf(raw, "failed", "enabled");
            assertTrue(failed.is(SM, "failed"), failed.toString());
            assertTrue(failed.child(STANZAS, "unexpected-request").isPresent(), "§3: " + failed);
            raw.send("<iq type='set' id='bind-1'><bind xmlns='" + RawXmppClient.BIND_NS + "'/></iq>");
            raw.send("<enable xmlns='" + SM + "'/>");
            assertTrue(awaitNth(raw, "enabled", 1).attributes().get("id") == null, "no id without resumption");
        }
    }

    @Test
    void section4RequestIsAnsweredWithTheNumberOfHandledStanzas() throws Exception {
        Account alice = clients.newAccount("alice");
        try (RawXmppClient raw = connect()) {
            login(raw, alice, "raw");
            raw.send("<iq type='get' id='p0'><ping xmlns='urn:xmpp:ping'/></iq>"); // before enable: not counted
            raw.send("<enable xmlns='" + SM + "'/>");
            awaitNth(raw, "enabled", 1);
            raw.send("<r xmlns='" + SM + "'/>");
            assertEquals("0", awaitNth(raw, "a", 1).attribute("h"));
            raw.send("<presence/>");
            raw.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
            raw.send("<message to='" + alice.bare() + "/nobody' type='chat'><body>x</body></message>");
            raw.send("<r xmlns='" + SM + "'/>");
            assertEquals("3", awaitNth(raw, "a", 2).attribute("h"), "three stanzas handled since enable");
        }
    }

    @Test
    void section4HandledCountTooHighEndsTheStream() throws Exception {
        Account alice = clients.newAccount("alice");
        try (RawXmppClient raw = connect()) {
            login(raw, alice, "raw");
            raw.send("<enable xmlns='" + SM + "'/>");
            awaitNth(raw, "enabled", 1);
            raw.send("<a xmlns='" + SM + "' h='5'/>");
            assertEquals("undefined-condition", raw.awaitStreamError(WAIT));
            XmlNode error = raw.received().find(ReceivedStream.STREAMS_NS, "error").orElseThrow();
            XmlNode tooHigh = error.child(SM, "handled-count-too-high")
                    .orElseThrow(() -> new AssertionError("§4: no <handled-count-too-high/>: " + error));
            assertEquals("5", tooHigh.attribute("h"));
            assertEquals("0", tooHigh.attribute("send-count"));
        }
    }

    @Test
    void section5ResumptionWithAWrongIdFailsTheStreamStaysUsableAndTheSessionStaysResumable() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        String id;
        String full;
        try (RawXmppClient first = connect()) {
            full = login(first, alice, "phone");
            first.send("<enable xmlns='" + SM + "' resume='true'/>");
            XmlNode enabled = awaitNth(first, "enabled", 1);
            assertEquals("true", enabled.attribute("resume"));
            id = enabled.attribute("id");
            assertTrue(id != null && id.length() >= 16, "an unguessable id: " + enabled);
            assertEquals("300", enabled.attribute("max"), "the server's default");
        } // dropped without </stream>

        try (RawXmppClient mallory = connect()) {
            authenticated(mallory, bob);
            mallory.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            XmlNode failed = awaitOneOf(mallory, "failed", "resumed");
            assertTrue(failed.is(SM, "failed") && failed.child(STANZAS, "item-not-found").isPresent(),
                    "§5: another account's id: " + failed);
        }
        try (RawXmppClient wrong = connect()) {
            authenticated(wrong, alice);
            wrong.send("<resume xmlns='" + SM + "' previd='" + id + "x' h='0'/>");
            XmlNode failed = awaitOneOf(wrong, "failed", "resumed");
            assertTrue(failed.is(SM, "failed") && failed.child(STANZAS, "item-not-found").isPresent(),
                    "§5: unknown id: " + failed);
            wrong.send("<iq type='set' id='bind-1'><bind xmlns='" + RawXmppClient.BIND_NS
                    + "'><resource>desk</resource></bind></iq>");
            ReceivedStream s = wrong.await(r -> r.find(e -> "bind-1".equals(e.attribute("id"))).isPresent(), WAIT);
            XmlNode bound = s.find(e -> "bind-1".equals(e.attribute("id"))).orElseThrow();
            assertEquals("result", bound.attribute("type"), "the stream stays usable: " + wrong.text());
            // a message to the detached session waits for it
            wrong.send("<message to='" + full + "' type='chat' id='w1'><body>waiting</body></message>");
            wrong.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
            wrong.await(r -> r.find(e -> "p1".equals(e.attribute("id"))).isPresent(), WAIT);
        }
        try (RawXmppClient second = connect()) {
            authenticated(second, alice);
            second.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            XmlNode resumed = awaitOneOf(second, "failed", "resumed");
            assertTrue(resumed.is(SM, "resumed"), "§5: " + resumed);
            assertEquals(id, resumed.attribute("previd"));
            ReceivedStream s = second.await(r -> r.find(e -> "w1".equals(e.attribute("id"))).isPresent(), WAIT);
            assertTrue(s.find(e -> "w1".equals(e.attribute("id"))).isPresent(),
                    "the message routed while detached: " + second.text());
            second.send("<iq type='get' id='p2'><ping xmlns='urn:xmpp:ping'/></iq>");
            s = second.await(r -> r.find(e -> "p2".equals(e.attribute("id"))).isPresent(), WAIT);
            XmlNode pong = s.find(e -> "p2".equals(e.attribute("id"))).orElseThrow();
            assertEquals(full, pong.attribute("to"), "the same full JID");
            second.send("</stream:stream>");
            assertTrue(second.awaitClose(WAIT));
        }
        try (RawXmppClient late = connect()) {
            authenticated(late, alice);
            late.send("<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
            XmlNode failed = awaitOneOf(late, "failed", "resumed");
            assertFalse(failed.is(SM, "resumed"), "a cleanly closed session is not resumable");
        }
    }

    @Test
    void aNewBindOfTheResourceReplacesADetachedSessionWhoseMessagesGoOffline() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        String full;
        try (RawXmppClient first = connect()) {
            full = login(first, alice, "phone");
            first.send("<enable xmlns='" + SM + "' resume='true'/>");
            awaitNth(first, "enabled", 1);
        } // dropped: the session waits for a resumption
        try (RawXmppClient sender = connect()) {
            login(sender, bob, "desk");
            sender.send("<message to='" + full + "' type='chat' id='q1'><body>queued</body></message>");
            sender.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
            ReceivedStream s = sender.await(r -> r.find(e -> "p1".equals(e.attribute("id"))).isPresent(), WAIT);
            assertTrue(s.find(e -> "q1".equals(e.attribute("id"))).isEmpty(), "no error for the queued message: "
                    + sender.text());
        }
        try (RawXmppClient second = connect()) {
            assertEquals(full, login(second, alice, "phone"), "the bind takes the resource of the detached session");
            second.send("<presence/>");
            ReceivedStream s = second.await(r -> r.find(e -> "q1".equals(e.attribute("id"))).isPresent(), WAIT);
            XmlNode queued = s.find(e -> "q1".equals(e.attribute("id")))
                    .orElseThrow(() -> new AssertionError("the replaced session's message, from offline storage: "
                            + second.text()));
            assertTrue(queued.child("urn:xmpp:delay", "delay").isPresent(), "XEP-0203 delay: " + queued);
        }
    }
}

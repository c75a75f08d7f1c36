package im.meerkat.testsuite.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.XmlNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Input no proper client sends, over a raw socket: each ends the offending stream with the
 * stream error RFC 6120 requires and the connection closes (§4.9.1.1), and nothing else is
 * touched: after each test, two other users still chat (invariant 5 of the architecture).
 */
class BadInputIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private XMPPTCPConnection watcherA;
    private XMPPTCPConnection watcherB;

    @BeforeEach
    void watchers() {
        watcherA = clients.connect(clients.newAccount("watcher"), "a");
        watcherB = clients.connect(clients.newAccount("watcher"), "b");
    }

    @AfterEach
    void othersStillChat() {
        Chat.assertChatting(watcherA, watcherB);
    }

    private MeerkatNode node() {
        return clients.node();
    }

    private RawXmppClient openedStream() throws IOException {
        RawXmppClient raw = RawXmppClient.connect(node().config().c2sPort());
        raw.openStream(node().domain());
        raw.awaitFeatures();
        return raw;
    }

    /** After STARTTLS and a new stream, before authentication. */
    private RawXmppClient securedStream() throws IOException {
        RawXmppClient raw = openedStream();
        raw.startTls(node().tls().sslContext());
        raw.startTlsStream(node().domain());
        return raw;
    }

    private static void assertStreamError(RawXmppClient raw, String condition) throws IOException {
        assertEquals(condition, raw.awaitStreamError(WAIT), "stream error; the server sent: "
                + raw.text());
        assertTrue(raw.awaitClose(WAIT), "the server closes the connection after <" + condition
                + "/>");
    }

    @Test
    void malformedXmlIsNotWellFormed() throws IOException {
        try (RawXmppClient raw = openedStream()) {
            raw.send("<message to='someone@" + node().domain() + "'><body>x</bogus></message>");
            // RFC 6120 §4.9.3.13
            assertStreamError(raw, "not-well-formed");
        }
    }

    @Test
    void dtdIsRestrictedXml() throws IOException {
        try (RawXmppClient raw = RawXmppClient.connect(node().config().c2sPort())) {
            raw.send("<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY boom 'boom'>]>"
                    + "<stream:stream to='" + node().domain() + "' version='1.0'"
                    + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
            // RFC 6120 §11.1: no DTD; §4.9.3.18
            assertStreamError(raw, "restricted-xml");
        }
    }

    @Test
    void commentIsRestrictedXml() throws IOException {
        try (RawXmppClient raw = openedStream()) {
            raw.send("<!-- a comment -->");
            // RFC 6120 §11.1: no comments
            assertStreamError(raw, "restricted-xml");
        }
    }

    @Test
    void processingInstructionIsRestrictedXml() throws IOException {
        try (RawXmppClient raw = openedStream()) {
            raw.send("<?meerkat-test please?>");
            // RFC 6120 §11.1: no processing instructions
            assertStreamError(raw, "restricted-xml");
        }
    }

    @Test
    void oversizedStanzaIsPolicyViolation() throws IOException {
        Account sender = clients.newAccount("big");
        try (RawXmppClient raw = RawXmppClient.connect(node().config().c2sPort())) {
            String jid = raw.login(node().domain(), node().tls().sslContext(), sender.user(),
                    sender.password(), "raw");
            String body = "x".repeat(70 * 1024);
            raw.sendPossiblyCutOff("<message to='" + jid + "' type='chat'><body>" + body
                    + "</body></message>");
            // Over the stanza size limit (64 KiB): RFC 6120 §4.9.3.14 and §13.12.
            assertStreamError(raw, "policy-violation");
        }
    }

    @Test
    void stanzaBeforeAuthenticationIsNotAuthorized() throws IOException {
        try (RawXmppClient raw = securedStream()) {
            raw.send("<message to='someone@" + node().domain() + "' type='chat'>"
                    + "<body>let me in</body></message>");
            // RFC 6120 §4.9.3.12
            assertStreamError(raw, "not-authorized");
        }
    }

    @Test
    void unknownDomainIsHostUnknown() throws IOException {
        try (RawXmppClient raw = RawXmppClient.connect(node().config().c2sPort())) {
            raw.openStream("no-such-domain.example");
            // RFC 6120 §4.9.3.6
            assertStreamError(raw, "host-unknown");
        }
    }

    @Test
    void wrongPasswordIsSaslNotAuthorized() throws IOException {
        Account account = clients.newAccount("victim");
        try (RawXmppClient raw = securedStream()) {
            XmlNode outcome = raw.authenticatePlain(account.user(), account.password() + "-wrong");
            // RFC 6120 §6.5.10: a SASL failure, not a stream error; the stream stays open.
            assertTrue(outcome.is(RawXmppClient.SASL_NS, "failure"), outcome.toString());
            assertEquals(Optional.of("not-authorized"), outcome.condition(RawXmppClient.SASL_NS));
            assertTrue(raw.received().streamError().isEmpty(), raw.text());
        }
    }

    /**
     * A client that stops reading while messages keep coming is disconnected once its bounded
     * outbound queue is full (architecture invariant 3); the sender is not.
     */
    @Test
    void clientThatNeverReadsIsDisconnected() throws Exception {
        Account sinkAccount = clients.newAccount("sink");
        XMPPTCPConnection flooder = clients.connect(clients.newAccount("flooder"), "hose");
        try (RawXmppClient sink = RawXmppClient.connect(node().config().c2sPort(), 8 * 1024)) {
            String sinkJid = sink.login(node().domain(), node().tls().sslContext(),
                    sinkAccount.user(), sinkAccount.password(), "sink");
            sink.send("<presence/>");
            assertTrue(node().admin().sessionJids().contains(sinkJid), "the sink is online");

            // From here on the sink reads nothing.
            long begin = System.nanoTime();
            CompletableFuture<Integer> flood = CompletableFuture.supplyAsync(() ->
                    floodUntilGone(flooder, sinkJid));
            int sent;
            try {
                sent = flood.get(3, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                flood.cancel(true);
                throw new AssertionError("the non-reading client was not disconnected within 3"
                        + " minutes of flooding; sessions: " + node().admin().sessionJids());
            } catch (ExecutionException e) {
                throw new AssertionError("flooding failed: " + e.getCause(), e.getCause());
            }
            assertTrue(sent > 0);
            System.out.println("the non-reading client was disconnected after " + sent
                    + " messages of 32 KiB, in " + (System.nanoTime() - begin) / 1_000_000 + " ms");
            assertTrue(sink.awaitClose(Duration.ofSeconds(60)),
                    "the server closed the non-reading client's connection");
        }
        assertTrue(flooder.isConnected(), "the sender stays connected");
        Chat.assertChatting(flooder, watcherA);
    }

    /** Sends 32 KiB headline messages until the sink's session is gone; returns how many were sent. */
    private int floodUntilGone(XMPPTCPConnection flooder, String sinkJid) {
        String body = "y".repeat(32 * 1024);
        org.jxmpp.jid.Jid to;
        try {
            to = org.jxmpp.jid.impl.JidCreate.from(sinkJid);
        } catch (org.jxmpp.stringprep.XmppStringprepException e) {
            throw new IllegalStateException(e);
        }
        // Headlines: once the sink is gone, the server drops them silently (RFC 6121 §8.5.3.2.1)
        // instead of bouncing each, body and all, to the sender, which would then be the one
        // receiving more than it reads. At most 512 MiB: far beyond any sane queue plus the
        // kernel's buffers.
        for (int i = 1; i <= 16_384; i++) {
            Chat.sendStanza(flooder, Chat.message(flooder, to, Message.Type.headline, body));
            if (i % 32 == 0 && !node().admin().sessionJids().contains(sinkJid)) {
                return i;
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        throw new AssertionError("the sink is still online after 512 MiB");
    }
}

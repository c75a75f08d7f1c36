package im.meerkat.testsuite.c2s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.Transport;
import im.meerkat.testsuite.harness.XmlNode;
import java.util.List;
import java.util.stream.Stream;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logging in: TLS (RFC 6120 §5) by STARTTLS and from the first byte, SASL (§6) with
 * SCRAM-SHA-256, SCRAM-SHA-1 and PLAIN, resource binding (§7), and a first message between the
 * two users.
 */
class LoginIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    static Stream<Arguments> transportsAndMechanisms() {
        return Stream.of(Transport.values()).flatMap(transport ->
                Stream.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN")
                        .map(mechanism -> Arguments.of(transport, mechanism)));
    }

    @ParameterizedTest(name = "{1} over {0}")
    @MethodSource("transportsAndMechanisms")
    void twoUsersLogInAndChat(Transport transport, String mechanism) {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");

        XMPPTCPConnection a = clients.login(alice).transport(transport).mechanism(mechanism)
                .resource("laptop").connect();
        XMPPTCPConnection b = clients.login(bob).transport(transport).mechanism(mechanism)
                .resource("phone").connect();

        assertTrue(a.isAuthenticated());
        if (transport == Transport.STARTTLS) {
            assertTrue(a.isSecureConnection(), "STARTTLS was negotiated");
        }
        // RFC 6120 §7.6.1: the server binds the resource the client asked for (or another).
        assertEquals(alice.full("laptop"), a.getUser());
        assertEquals(bob.full("phone"), b.getUser());
        Chat.assertChatting(a, b);
    }

    @Test
    void wrongPasswordIsNotAuthorized() {
        Account alice = clients.newAccount("alice");
        SASLErrorException failure = assertThrows(SASLErrorException.class,
                () -> clients.login(alice.user(), alice.password() + "x")
                        .mechanism("SCRAM-SHA-1").connectOrThrow());
        // RFC 6120 §6.5.10: wrong credentials are <not-authorized/>.
        assertEquals(SASLError.not_authorized, failure.getSASLFailure().getSASLError());
    }

    @Test
    void unknownUserIsNotAuthorized() {
        SASLErrorException failure = assertThrows(SASLErrorException.class,
                () -> clients.login("nobody-" + System.nanoTime(), "whatever")
                        .mechanism("SCRAM-SHA-256").connectOrThrow());
        assertEquals(SASLError.not_authorized, failure.getSASLFailure().getSASLError());
    }

    @Test
    void plainIsOfferedOnlyAfterTls() throws Exception {
        try (RawXmppClient raw = RawXmppClient.connect(clients.node().config().c2sPort())) {
            raw.openStream(clients.node().domain());
            XmlNode features = raw.awaitFeatures();
            // RFC 6120 §5.3.1: the server offers STARTTLS on the plain port.
            assertTrue(features.child(RawXmppClient.TLS_NS, "starttls").isPresent(),
                    "STARTTLS offered: " + features);
            assertFalse(mechanisms(features).contains("PLAIN"),
                    "PLAIN must not be offered before TLS: " + features);

            raw.startTls(clients.node().tls().sslContext());
            XmlNode secured = raw.startTlsStream(clients.node().domain());
            List<String> offered = mechanisms(secured);
            assertTrue(offered.contains("PLAIN"), "PLAIN over TLS: " + secured);
            assertTrue(offered.contains("SCRAM-SHA-256"), "SCRAM-SHA-256: " + secured);
            assertTrue(offered.contains("SCRAM-SHA-1"), "SCRAM-SHA-1: " + secured);
            // RFC 6120 §5.4.3.3: no STARTTLS offer on a stream that is already encrypted.
            assertTrue(secured.child(RawXmppClient.TLS_NS, "starttls").isEmpty(), secured.toString());
        }
    }

    private static List<String> mechanisms(XmlNode features) {
        XmlNode list = features.child(RawXmppClient.SASL_NS, "mechanisms").orElse(null);
        if (list == null) {
            return List.of();
        }
        assertNotNull(list.children());
        return list.children().stream().map(XmlNode::text).map(String::trim).toList();
    }
}

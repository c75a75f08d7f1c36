package im.meerkat.server.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.xmpp.jid.Jid;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PLAIN (RFC 4616) against SCRAM-SHA-256 keys, and only over TLS (RFC 6120 §6.4.1 and §13.8.3). */
class PlainMechanismTest {

    private static final TransportSecurity TLS = new TransportSecurity(true, "TLSv1.3", null, Map.of());
    private static final ScramKeys ALICE = ScramKeys.derive(ScramAlgorithm.SHA_256, "secret", new byte[] {1, 2, 3}, 4096);
    private static final Credentials CREDS = (j, a) -> j.equals(Jid.of("alice@example.org")) ? Optional.of(ALICE) : Optional.empty();

    private static SaslStep plain(TransportSecurity security, String message) {
        return new PlainMechanism().start(new SaslContext("example.org", security, CREDS))
                .evaluate(message.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rightPasswordOverTlsAuthenticates() {
        assertEquals(Jid.of("alice@example.org"),
                assertInstanceOf(SaslStep.Success.class, plain(TLS, "\u0000alice\u0000secret")).account());
        assertEquals(Jid.of("alice@example.org"),
                assertInstanceOf(SaslStep.Success.class, plain(TLS, "alice@example.org\u0000ALICE\u0000secret")).account());
    }

    @Test
    void failures() {
        assertEquals(SaslFailure.ENCRYPTION_REQUIRED, failure(plain(TransportSecurity.NONE, "\u0000alice\u0000secret")));
        assertEquals(SaslFailure.NOT_AUTHORIZED, failure(plain(TLS, "\u0000alice\u0000Secret")));
        assertEquals(SaslFailure.NOT_AUTHORIZED, failure(plain(TLS, "\u0000bob\u0000secret")));
        assertEquals(SaslFailure.MALFORMED_REQUEST, failure(plain(TLS, "alice\u0000secret")));
        assertEquals(SaslFailure.INVALID_AUTHZID, failure(plain(TLS, "bob@example.org\u0000alice\u0000secret")));
    }

    private static SaslFailure failure(SaslStep step) {
        return assertInstanceOf(SaslStep.Failure.class, step).condition();
    }
}

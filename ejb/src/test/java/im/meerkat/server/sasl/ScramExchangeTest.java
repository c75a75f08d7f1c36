package im.meerkat.server.sasl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.xmpp.jid.Jid;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SCRAM server against the test vectors of RFC 5802 §5 and RFC 7677 §3, and the §6 binding rules. */
class ScramExchangeTest {

    private static final TransportSecurity TLS = new TransportSecurity(true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", Map.of());
    private static final byte[] END_POINT = "certificate hash".getBytes(StandardCharsets.UTF_8);
    private static final TransportSecurity TLS_WITH_BINDING = new TransportSecurity(true, "TLSv1.3",
            "TLS_AES_128_GCM_SHA256", Map.of(ChannelBinding.TLS_SERVER_END_POINT, END_POINT));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Credentials userPencil(ScramAlgorithm algorithm, String salt) {
        ScramKeys keys = ScramKeys.derive(algorithm, "pencil", Base64.getDecoder().decode(salt), 4096);
        return (jid, alg) -> jid.equals(Jid.of("user@example.org")) && alg == algorithm ? Optional.of(keys) : Optional.empty();
    }

    private static SaslExchange exchange(ScramAlgorithm algorithm, boolean plus, String serverNonce,
            TransportSecurity security, Credentials credentials) {
        return new ScramMechanism(algorithm, plus, () -> serverNonce, new ScramDecoys(4096))
                .start(new SaslContext("example.org", security, credentials));
    }

    @Test
    void rfc5802Section5ScramSha1Vector() {
        SaslExchange server = exchange(ScramAlgorithm.SHA_1, false, "3rfcNHYJY1ZVvWVs7j", TLS,
                userPencil(ScramAlgorithm.SHA_1, "QSXCR+Q6sek8bf92"));

        SaslStep first = server.evaluate(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
        assertArrayEquals(utf8("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"),
                assertInstanceOf(SaslStep.Challenge.class, first).data());

        SaslStep last = server.evaluate(utf8("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
        SaslStep.Success success = assertInstanceOf(SaslStep.Success.class, last);
        assertEquals(Jid.of("user@example.org"), success.account());
        assertArrayEquals(utf8("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="), success.additionalData());
    }

    @Test
    void rfc7677Section3ScramSha256Vector() {
        SaslExchange server = exchange(ScramAlgorithm.SHA_256, false, "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", TLS,
                userPencil(ScramAlgorithm.SHA_256, "W22ZaJ0SNY7soEsUEjb6gQ=="));

        SaslStep first = server.evaluate(utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        assertArrayEquals(utf8("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"),
                assertInstanceOf(SaslStep.Challenge.class, first).data());

        SaslStep last = server.evaluate(utf8("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
        assertArrayEquals(utf8("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="),
                assertInstanceOf(SaslStep.Success.class, last).additionalData());
    }

    @Test
    void rfc5802WrongProofIsNotAuthorized() {
        SaslExchange server = exchange(ScramAlgorithm.SHA_1, false, "3rfcNHYJY1ZVvWVs7j", TLS,
                userPencil(ScramAlgorithm.SHA_1, "QSXCR+Q6sek8bf92"));
        server.evaluate(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
        SaslStep last = server.evaluate(utf8("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=AAX8v3Bz2T0CJGbJQyF0X+HI4Ts="));
        assertEquals(SaslFailure.NOT_AUTHORIZED, assertInstanceOf(SaslStep.Failure.class, last).condition());
    }

    @Test
    void unknownUserGetsAPlausibleChallengeThenNotAuthorized() {
        SaslExchange server = exchange(ScramAlgorithm.SHA_256, false, "srv", TLS, (j, a) -> Optional.empty());
        ScramClient client = new ScramClient(ScramAlgorithm.SHA_256, "nobody", "pencil", "cli", null, null);
        SaslStep first = server.evaluate(client.clientFirst());
        String challenge = new String(assertInstanceOf(SaslStep.Challenge.class, first).data(), StandardCharsets.UTF_8);
        assertTrue(challenge.matches("r=clisrv,s=[A-Za-z0-9+/=]{24},i=4096"), challenge);
        SaslStep last = server.evaluate(client.clientFinal(utf8(challenge)));
        assertEquals(SaslFailure.NOT_AUTHORIZED, assertInstanceOf(SaslStep.Failure.class, last).condition());
    }

    @Test
    void unknownUserShowsTheIterationCountNewAccountsGet() {
        SaslExchange server = new ScramMechanism(ScramAlgorithm.SHA_256, false, () -> "srv", new ScramDecoys(10000))
                .start(new SaslContext("example.org", TLS, (j, a) -> Optional.empty()));
        String challenge = new String(assertInstanceOf(SaslStep.Challenge.class,
                server.evaluate(utf8("n,,n=nobody,r=cli"))).data(), StandardCharsets.UTF_8);
        assertTrue(challenge.endsWith(",i=10000"), challenge);
    }

    @Test
    void plusExchangeWithTlsServerEndPointBindingSucceeds() {
        SaslExchange server = exchange(ScramAlgorithm.SHA_256, true, "srv", TLS_WITH_BINDING,
                userPencil(ScramAlgorithm.SHA_256, "W22ZaJ0SNY7soEsUEjb6gQ=="));
        ScramClient client = new ScramClient(ScramAlgorithm.SHA_256, "user", "pencil", "cli",
                ChannelBinding.TLS_SERVER_END_POINT, END_POINT);
        SaslStep first = server.evaluate(client.clientFirst());
        SaslStep last = server.evaluate(client.clientFinal(assertInstanceOf(SaslStep.Challenge.class, first).data()));
        assertTrue(client.verifies(assertInstanceOf(SaslStep.Success.class, last).additionalData()));
    }

    @Test
    void plusExchangeWithOtherBindingDataFails() {
        SaslExchange server = exchange(ScramAlgorithm.SHA_256, true, "srv", TLS_WITH_BINDING,
                userPencil(ScramAlgorithm.SHA_256, "W22ZaJ0SNY7soEsUEjb6gQ=="));
        ScramClient client = new ScramClient(ScramAlgorithm.SHA_256, "user", "pencil", "cli",
                ChannelBinding.TLS_SERVER_END_POINT, utf8("a man in the middle's certificate"));
        SaslStep first = server.evaluate(client.clientFirst());
        SaslStep last = server.evaluate(client.clientFinal(assertInstanceOf(SaslStep.Challenge.class, first).data()));
        assertEquals(SaslFailure.NOT_AUTHORIZED, assertInstanceOf(SaslStep.Failure.class, last).condition());
    }

    @Test
    void section6BindingFlagRules() {
        Credentials creds = userPencil(ScramAlgorithm.SHA_256, "W22ZaJ0SNY7soEsUEjb6gQ==");
        // -PLUS needs p=
        assertFailure(exchange(ScramAlgorithm.SHA_256, true, "s", TLS_WITH_BINDING, creds), "n,,n=user,r=c");
        // p= with a type the stream has no data for
        assertFailure(exchange(ScramAlgorithm.SHA_256, true, "s", TLS_WITH_BINDING, creds), "p=tls-unique,,n=user,r=c");
        // p= on the mechanism without -PLUS
        assertFailure(exchange(ScramAlgorithm.SHA_256, false, "s", TLS_WITH_BINDING, creds),
                "p=tls-server-end-point,,n=user,r=c");
        // y when the server offers binding: a downgrade
        assertFailure(exchange(ScramAlgorithm.SHA_256, false, "s", TLS_WITH_BINDING, creds), "y,,n=user,r=c");
        // y when it does not: fine
        assertInstanceOf(SaslStep.Challenge.class,
                exchange(ScramAlgorithm.SHA_256, false, "s", TLS, creds).evaluate(utf8("y,,n=user,r=c")));
        // m= is reserved and must make the server fail (RFC 5802 §5.1)
        assertFailure(exchange(ScramAlgorithm.SHA_256, false, "s", TLS, creds), "n,,m=x,n=user,r=c");
        assertFailure(exchange(ScramAlgorithm.SHA_256, false, "s", TLS, creds), "n,n=user,r=c");
    }

    @Test
    void authzidMustBeTheAuthenticatedAccount() {
        Credentials creds = userPencil(ScramAlgorithm.SHA_256, "W22ZaJ0SNY7soEsUEjb6gQ==");
        SaslStep own = exchange(ScramAlgorithm.SHA_256, false, "s", TLS, creds).evaluate(utf8("n,a=user@example.org,n=user,r=c"));
        assertInstanceOf(SaslStep.Challenge.class, own);
        SaslStep other = exchange(ScramAlgorithm.SHA_256, false, "s", TLS, creds).evaluate(utf8("n,a=admin@example.org,n=user,r=c"));
        assertEquals(SaslFailure.INVALID_AUTHZID, assertInstanceOf(SaslStep.Failure.class, other).condition());
    }

    @Test
    void saslNamesDecodeTheirEscapes() {
        assertEquals(Optional.of("a,b=c"), ScramExchange.decodeSaslName("a=2Cb=3Dc"));
        assertEquals(Optional.empty(), ScramExchange.decodeSaslName("a=2"));
        assertEquals(Optional.empty(), ScramExchange.decodeSaslName("a=41"));
    }

    @Test
    void minusPlusOnlyOfferedWithBindingData() {
        SaslMechanisms registry = new SaslMechanisms(() -> "n", 4096);
        Credentials none = (j, a) -> Optional.empty();
        assertEquals(List.of("SCRAM-SHA-256", "SCRAM-SHA-1"),
                registry.offered(new SaslContext("example.org", TransportSecurity.NONE, none)).stream().map(SaslMechanism::name).toList());
        assertEquals(List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"),
                registry.offered(new SaslContext("example.org", TLS, none)).stream().map(SaslMechanism::name).toList());
        assertEquals(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"),
                registry.offered(new SaslContext("example.org", TLS_WITH_BINDING, none)).stream().map(SaslMechanism::name).toList());
        assertFalse(registry.find("PLAIN", new SaslContext("example.org", TransportSecurity.NONE, none)).isPresent());
    }

    private static void assertFailure(SaslExchange exchange, String clientFirst) {
        assertInstanceOf(SaslStep.Failure.class, exchange.evaluate(utf8(clientFirst)), clientFirst);
    }
}

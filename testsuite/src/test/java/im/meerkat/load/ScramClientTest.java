package im.meerkat.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load tool's SCRAM-SHA-256 client against the example exchange of RFC 7677 §3. */
class ScramClientTest {

    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    @Test
    void rfc7677ExampleExchange() throws IOException {
        ScramClient client = new ScramClient("user", "pencil", "rOprNGfwEbeRWgbNEkqO");

        assertArrayEquals(bytes("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"), client.clientFirst());
        assertArrayEquals(bytes("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="), client.clientFinal(bytes(SERVER_FIRST)));
        assertDoesNotThrow(() -> client.verifyServerFinal(bytes("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
    }

    @Test
    void serverThatDoesNotKnowThePasswordIsRejected() throws IOException {
        ScramClient client = new ScramClient("user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        client.clientFinal(bytes(SERVER_FIRST));

        assertThrows(IOException.class,
                () -> client.verifyServerFinal(bytes("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

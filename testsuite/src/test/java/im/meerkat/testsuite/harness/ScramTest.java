package im.meerkat.testsuite.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The SCRAM-SHA-256 client against the example exchange of RFC 7677 §3. */
class ScramTest {

    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    @Test
    void rfc7677Example() {
        Scram scram = new Scram("SHA-256", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        assertEquals("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", scram.clientFirst());
        assertEquals("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", scram.clientFinal(SERVER_FIRST));
        assertTrue(scram.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
    }

    @Test
    void wrongServerSignatureIsRejected() {
        Scram scram = new Scram("SHA-256", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        scram.clientFirst();
        scram.clientFinal(SERVER_FIRST);
        assertFalse(scram.verifyServerFinal("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
    }

    @Test
    void nonceThatDoesNotExtendOursIsRejected() {
        Scram scram = new Scram("SHA-256", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        scram.clientFirst();
        assertThrows(IllegalArgumentException.class,
                () -> scram.clientFinal("r=other,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
    }

    @Test
    void usernameIsEscaped() {
        // RFC 5802 §5.1: ',' and '=' in the name become =2C and =3D.
        assertEquals("n,,n=a=2Cb=3Dc,r=x", new Scram("SHA-256", "a,b=c", "p", "x").clientFirst());
    }
}

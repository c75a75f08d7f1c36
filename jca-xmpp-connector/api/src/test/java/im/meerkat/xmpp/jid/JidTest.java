package im.meerkat.xmpp.jid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JidTest {

    @Test
    void parsesAllParts() {
        Jid j = Jid.of("juliet@example.com/balcony");
        assertEquals("juliet", j.localOrNull());
        assertEquals("example.com", j.domain());
        assertEquals("balcony", j.resourceOrNull());
        assertTrue(j.isFull());
        assertEquals(Jid.of("juliet@example.com"), j.bare());
        assertEquals(Jid.domain("example.com"), j.domainJid());
    }

    /** RFC 7622 §3.2: the resource starts at the first slash and may contain '@' and '/'. */
    @Test
    void resourceMayContainAtAndSlash() {
        Jid j = Jid.of("example.com/foo@bar/baz");
        assertNull(j.localOrNull());
        assertEquals("foo@bar/baz", j.resourceOrNull());
    }

    /** RFC 7622 §3.3: UsernameCaseMapped lower-cases the localpart; §3.2 the domain too. */
    @Test
    void normalizesCase() {
        assertEquals(Jid.of("juliet@example.com"), Jid.of("JULIET@Example.COM"));
        assertEquals("juliet@example.com/Balcony", Jid.of("Juliet@EXAMPLE.com/Balcony").toString());
    }

    @Test
    void enforcesNonAsciiParts() {
        assertEquals(Jid.of("\u00e9lise@example.com"), Jid.of("\u00c9LISE@example.com"));
        assertEquals("\u2654", Jid.of("example.com/\u2654").resourceOrNull());
    }

    @Test
    void stripsOneTrailingDotFromTheDomain() {
        assertEquals(Jid.of("a@example.com"), Jid.of("a@example.com."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@example.com", "a@", "a@example.com/", "a b@example.com",
            "a\"b@example.com", "a@exa mple.com", "a@example..com", "example.com/\u0007"})
    void rejectsInvalidAddresses(String address) {
        assertThrows(InvalidJidException.class, () -> Jid.of(address));
    }

    @Test
    void rejectsPartsOver1023Octets() {
        assertThrows(InvalidJidException.class, () -> Jid.of("a".repeat(1024) + "@example.com"));
        assertTrue(Jid.tryOf("a".repeat(1023) + "@example.com").isPresent());
    }

    @Test
    void tryOfReturnsEmptyForInvalid() {
        assertFalse(Jid.tryOf("@").isPresent());
        assertFalse(Jid.tryOf(null).isPresent());
    }
}

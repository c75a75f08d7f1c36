package im.meerkat.server.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.xmpp.jid.Jid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JID matching of block list items, XEP-0191 §3 (the order of XEP-0016 §2.1). */
class BlockListTest {

    private static BlockList of(String... items) {
        return BlockList.of(java.util.Arrays.stream(items).map(Jid::of).toList());
    }

    private static boolean blocks(BlockList list, String address) {
        return list.blocks(Jid.of(address));
    }

    @Test
    void fullJidMatchesThatResourceOnly() {
        BlockList list = of("romeo@montague.net/orchard");
        assertTrue(blocks(list, "romeo@montague.net/orchard"));
        assertFalse(blocks(list, "romeo@montague.net/garden"));
        assertFalse(blocks(list, "romeo@montague.net"));
        assertFalse(blocks(list, "montague.net"));
    }

    @Test
    void bareJidMatchesEveryResource() {
        BlockList list = of("romeo@montague.net");
        assertTrue(blocks(list, "romeo@montague.net"));
        assertTrue(blocks(list, "romeo@montague.net/orchard"));
        assertFalse(blocks(list, "benvolio@montague.net"));
        assertFalse(blocks(list, "montague.net"));
    }

    @Test
    void domainWithResourceMatchesThatJidOnly() {
        BlockList list = of("montague.net/gateway");
        assertTrue(blocks(list, "montague.net/gateway"));
        assertFalse(blocks(list, "montague.net"));
        assertFalse(blocks(list, "romeo@montague.net/gateway"));
    }

    @Test
    void domainMatchesItselfItsAddressesAndSubdomains() {
        BlockList list = of("montague.net");
        assertTrue(blocks(list, "montague.net"));
        assertTrue(blocks(list, "montague.net/gateway"));
        assertTrue(blocks(list, "romeo@montague.net"));
        assertTrue(blocks(list, "romeo@montague.net/orchard"));
        assertTrue(blocks(list, "chat.montague.net"));
        assertTrue(blocks(list, "room@chat.montague.net/nick"));
        assertFalse(blocks(list, "notmontague.net"));
        assertFalse(blocks(list, "capulet.net"));
        assertFalse(blocks(list, "montague.net.example"));
    }

    @Test
    void emptyListBlocksNothing() {
        assertFalse(BlockList.empty().blocks(Jid.of("anyone@anywhere")));
        assertFalse(of("a@b").blocks(null));
    }

    @Test
    void encodingRoundTrips() {
        BlockList list = of("romeo@montague.net", "capulet.com/x", "iago@shakespeare.lit/r");
        assertEquals(list, BlockList.decode(list.encode()));
        assertEquals(BlockList.empty(), BlockList.decode(BlockList.empty().encode()));
        assertEquals(List.of(Jid.of("capulet.com/x"), Jid.of("iago@shakespeare.lit/r"),
                Jid.of("romeo@montague.net")), list.items());
    }
}

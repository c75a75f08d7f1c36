package im.meerkat.server.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Stanza;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What XEP-0160 §3 and XEP-0334 say is worth storing; the limit setting. */
class OfflinePolicyTest {

    private static boolean worth(String xml) throws Exception {
        return OfflinePolicy.worthStoring((Message) Stanza.of(Xml.parse(xml)));
    }

    @Test
    void bodiesAndOtherContentAreStored() throws Exception {
        assertTrue(worth("<message><body>hi</body></message>"));
        assertTrue(worth("<message type='chat'><body>hi</body><active "
                + "xmlns='http://jabber.org/protocol/chatstates'/></message>"));
        assertTrue(worth("<message><received xmlns='urn:xmpp:receipts' id='1'/></message>"));
        assertTrue(worth("<message><store xmlns='urn:xmpp:hints'/><composing "
                + "xmlns='http://jabber.org/protocol/chatstates'/></message>"));
    }

    @Test
    void chatStatesHintsAndOtherTypesAreNot() throws Exception {
        assertFalse(worth("<message type='chat'><composing "
                + "xmlns='http://jabber.org/protocol/chatstates'/></message>"));
        assertFalse(worth("<message type='chat'><thread>t</thread></message>"));
        assertFalse(worth("<message><body>x</body><no-store xmlns='urn:xmpp:hints'/></message>"));
        assertFalse(worth("<message type='headline'><body>x</body></message>"));
        assertFalse(worth("<message type='groupchat'><body>x</body></message>"));
    }

    @Test
    void theLimitDefaultsTo1000AndMustBeANonNegativeNumber() {
        assertEquals(1000, new OfflineSettings(Map.<String, String>of()::get).limit());
        assertEquals(5, new OfflineSettings(Map.of("meerkat.offline.limit", " 5 ")::get).limit());
        assertThrows(IllegalArgumentException.class,
                () -> new OfflineSettings(Map.of("meerkat.offline.limit", "-1")::get));
        assertThrows(IllegalArgumentException.class,
                () -> new OfflineSettings(Map.of("meerkat.offline.limit", "many")::get));
    }
}

package im.meerkat.server.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.xmpp.xml.Element;
import java.util.List;
import org.junit.jupiter.api.Test;

/** XEP-0352 §5: which presence waits while the client is inactive, and in which order it goes out. */
class PresenceHoldTest {

    private static Element presence(String from, String type, String status) {
        Element.Builder b = Element.builder("jabber:client", "presence").attribute("from", from).attribute("type", type);
        if (status != null) {
            b.child(Element.builder("jabber:client", "status").text(status));
        }
        return b.build();
    }

    @Test
    void onlyAvailableAndUnavailablePresenceIsHeld() {
        assertTrue(PresenceHold.holdable(presence("bob@x/a", null, null)));
        assertTrue(PresenceHold.holdable(presence("bob@x/a", "unavailable", null)));
        for (String type : new String[] {"subscribe", "subscribed", "unsubscribe", "unsubscribed", "probe", "error"}) {
            assertFalse(PresenceHold.holdable(presence("bob@x/a", type, null)), type);
        }
        assertFalse(PresenceHold.holdable(Element.builder("jabber:client", "message").build()));
        assertFalse(PresenceHold.holdable(Element.builder("jabber:client", "iq").attribute("type", "get").build()));
        assertFalse(PresenceHold.holdable(Element.builder("urn:xmpp:sm:3", "r").build()));
    }

    @Test
    void theLatestPresenceOfEachFullJidReplacesEarlierOnesAndTheKeptOnesKeepTheirOrder() {
        PresenceHold hold = new PresenceHold();
        hold.hold(presence("bob@x/a", null, "one"));
        hold.hold(presence("carol@x/c", null, "two"));
        hold.hold(presence("bob@x/b", null, "three"));
        hold.hold(presence("bob@x/a", "unavailable", null));
        assertEquals(3, hold.size());
        assertEquals(List.of(presence("carol@x/c", null, "two"), presence("bob@x/b", null, "three"),
                presence("bob@x/a", "unavailable", null)), hold.release());
        assertTrue(hold.isEmpty());
        assertEquals(List.of(), hold.release());
    }
}

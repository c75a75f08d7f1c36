package im.meerkat.server.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.iq.IqRequest;
import im.meerkat.server.iq.IqScope;
import im.meerkat.server.iq.Requests;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.xml.Element;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Archive metadata (XEP-0313 §7) and preferences (§6) as the handlers answer them. */
class MamHandlersTest {

    private static final String ALICE = "alice@example.org/desk";

    private MamDatabase db;
    private ArchiveWriter writer;
    private MamMetadataHandler metadata;
    private MamPrefsHandler prefs;

    @BeforeEach
    void open() {
        db = new MamDatabase();
        MamSettings settings = new MamSettings(Map.<String, String>of()::get);
        writer = new ArchiveWriter(settings, db.dataSource, Thread::new);
        metadata = new MamMetadataHandler(new ArchiveStore(db.dataSource), writer);
        prefs = new MamPrefsHandler(new ArchivePolicy(new PrefsStore(db.em), settings, (owner, peer) -> false));
    }

    @AfterEach
    void close() {
        writer.stop();
        db.close();
    }

    private static IqRequest request(String type, String payload) {
        return Requests.request(ALICE, IqScope.OWN_ACCOUNT,
                "<iq type='" + type + "' id='q'>" + payload + "</iq>");
    }

    @Test
    void metadataNamesTheFirstAndLastMessage() {
        Element empty = Requests.result(metadata, request("get", "<metadata xmlns='urn:xmpp:mam:2'/>"));
        assertTrue(empty.elements().isEmpty(), empty::toXml);

        ArchiveIds ids = new ArchiveIds(2);
        long first = ids.next();
        long middle = ids.next();
        long last = ids.next();
        for (long id : List.of(first, middle, last)) {
            writer.write(new ArchiveRow(id, "alice@example.org", "bob@example.org", null, "<message/>"));
        }
        writer.write(new ArchiveRow(ids.next(), "bob@example.org", "alice@example.org", null, "<message/>"));
        Element answer = Requests.result(metadata, request("get", "<metadata xmlns='urn:xmpp:mam:2'/>"));
        Element start = answer.child("start").orElseThrow();
        Element end = answer.child("end").orElseThrow();
        assertEquals(Long.toString(first), start.attribute("id"));
        assertEquals(Long.toString(last), end.attribute("id"));
        assertEquals(ArchiveIds.time(last).toString(), end.attribute("timestamp"));
        assertEquals(StanzaErrorCondition.BAD_REQUEST,
                Requests.refusal(metadata, request("set", "<metadata xmlns='urn:xmpp:mam:2'/>")));
    }

    @Test
    void preferencesAreStoredBareAndNeverWinsOverAlways() {
        Element stored = Requests.result(prefs, request("set", "<prefs xmlns='urn:xmpp:mam:2' "
                + "default='roster'><always><jid>bob@example.org/phone</jid><jid>carol@example.org</jid>"
                + "</always><never><jid>carol@example.org</jid></never></prefs>"));
        assertEquals("roster", stored.attribute("default"));
        Element got = Requests.result(prefs, request("get", "<prefs xmlns='urn:xmpp:mam:2'/>"));
        assertEquals(stored, got);
        assertEquals(List.of("bob@example.org"), got.child("always").orElseThrow().elements()
                .stream().map(Element::text).toList());
        assertEquals(List.of("carol@example.org"), got.child("never").orElseThrow().elements()
                .stream().map(Element::text).toList());
    }

    @Test
    void badPreferencesChangeNothing() {
        assertEquals(StanzaErrorCondition.BAD_REQUEST, Requests.refusal(prefs,
                request("set", "<prefs xmlns='urn:xmpp:mam:2' default='sometimes'/>")));
        assertEquals(StanzaErrorCondition.BAD_REQUEST, Requests.refusal(prefs,
                request("set", "<prefs xmlns='urn:xmpp:mam:2'/>")));
        assertEquals(StanzaErrorCondition.JID_MALFORMED, Requests.refusal(prefs, request("set",
                "<prefs xmlns='urn:xmpp:mam:2' default='never'><always><jid>@@</jid></always></prefs>")));
        Element got = Requests.result(prefs, request("get", "<prefs xmlns='urn:xmpp:mam:2'/>"));
        assertEquals("always", got.attribute("default"), "the server default stays");
    }
}

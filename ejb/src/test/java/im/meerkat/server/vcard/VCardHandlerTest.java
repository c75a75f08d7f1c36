package im.meerkat.server.vcard;

import static im.meerkat.server.iq.Requests.refusal;
import static im.meerkat.server.iq.Requests.request;
import static im.meerkat.server.iq.Requests.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.iq.IqScope;
import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** vCard-temp (XEP-0054) as the server answers it, over a store in memory. */
class VCardHandlerTest {

    private static final String ALICE = "alice@example.org/phone";
    private static final String VCARD = "<vCard xmlns='vcard-temp'><FN>Alice Liddell</FN>"
            + "<N><FAMILY>Liddell</FAMILY><GIVEN>Alice</GIVEN></N>"
            + "<NICKNAME>&lt;al&gt; &amp; co</NICKNAME></vCard>";

    /** The store's contract in a map. */
    static final class MemoryStore implements VCardStore {
        final Map<Jid, String> rows = new ConcurrentHashMap<>();

        @Override
        public Optional<String> find(Jid account) {
            return Optional.ofNullable(rows.get(account));
        }

        @Override
        public void save(Jid account, String xml) {
            rows.put(account, xml);
        }

        @Override
        public void delete(Jid account) {
            rows.remove(account);
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final VCardHandler handler = new VCardHandler(store,
            new VCardSettings(Map.of(VCardSettings.MAX_BYTES, "400")::get));

    private void publish(String from, String vcard) {
        assertNull(result(handler, request(from, IqScope.OWN_ACCOUNT,
                "<iq type='set' id='s'>" + vcard + "</iq>")));
    }

    private Element get(String from, IqScope scope, String to) {
        return result(handler, request(from, scope, "<iq type='get' id='g'"
                + (to == null ? "" : " to='" + to + "'") + "><vCard xmlns='vcard-temp'/></iq>"));
    }

    @Test
    void userWithoutVCardGetsAnEmptyOne() { // XEP-0054 §3.1: an empty vCard means none
        Element vcard = get(ALICE, IqScope.OWN_ACCOUNT, null);
        assertEquals(VCardHandler.VCARD, vcard.name());
        assertTrue(vcard.elements().isEmpty(), vcard::toXml);
    }

    @Test
    void publishedVCardIsReturnedWhole() { // §3.3 then §3.1
        publish(ALICE, VCARD);
        assertEquals(Xml.parse(VCARD), get(ALICE, IqScope.OWN_ACCOUNT, null));
        assertEquals(Xml.parse(VCARD), get(ALICE, IqScope.OWN_ACCOUNT, "alice@example.org"));
    }

    @Test
    void aNewVCardReplacesTheOldOne() { // §3.3: the set carries the whole vCard
        publish(ALICE, VCARD);
        publish(ALICE, "<vCard xmlns='vcard-temp'><FN>A. L.</FN></vCard>");
        Element vcard = get(ALICE, IqScope.OWN_ACCOUNT, null);
        assertEquals(1, vcard.elements().size(), vcard::toXml);
        assertEquals("A. L.", vcard.elements().get(0).text());
    }

    @Test
    void anotherUsersVCardIsAnsweredByTheServer() { // §3.2: to the bare JID
        publish(ALICE, VCARD);
        Element vcard = get("bob@example.org/pc", IqScope.OTHER_ACCOUNT, "alice@example.org");
        assertEquals(Xml.parse(VCARD), vcard);
        Element none = get(ALICE, IqScope.OTHER_ACCOUNT, "bob@example.org");
        assertTrue(none.elements().isEmpty());
    }

    @Test
    void settingAnotherUsersVCardIsForbiddenAndChangesNothing() {
        publish(ALICE, VCARD);
        assertEquals(StanzaErrorCondition.FORBIDDEN, refusal(handler, request("bob@example.org/pc",
                IqScope.OTHER_ACCOUNT, "<iq type='set' id='x' to='alice@example.org'>"
                        + "<vCard xmlns='vcard-temp'><FN>Mallory</FN></vCard></iq>")));
        assertEquals(Xml.parse(VCARD), get(ALICE, IqScope.OWN_ACCOUNT, null));
        assertEquals(1, store.rows.size());
    }

    @Test
    void theServerHasNoVCardAndNoneCanBeSet() {
        assertTrue(get(ALICE, IqScope.SERVER, "example.org").elements().isEmpty());
        assertEquals(StanzaErrorCondition.FORBIDDEN, refusal(handler, request(ALICE,
                IqScope.SERVER, "<iq type='set' id='x' to='example.org'>" + VCARD + "</iq>")));
        assertTrue(store.rows.isEmpty());
    }

    @Test
    void aVCardOverTheLimitIsNotAcceptableAndKeepsTheOldOne() {
        publish(ALICE, VCARD);
        String big = "<vCard xmlns='vcard-temp'><DESC>" + "x".repeat(400) + "</DESC></vCard>";
        assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, refusal(handler,
                request(ALICE, IqScope.OWN_ACCOUNT, "<iq type='set' id='x'>" + big + "</iq>")));
        assertEquals(Xml.parse(VCARD), get(ALICE, IqScope.OWN_ACCOUNT, null));
    }

    @Test
    void aVCardOfExactlyTheLimitIsAccepted() {
        String head = "<vCard xmlns=\"vcard-temp\"><DESC>";
        String tail = "</DESC></vCard>";
        String exact = head + "y".repeat(400 - head.length() - tail.length()) + tail;
        assertEquals(400, Xml.parse(exact).toXml().length(), Xml.parse(exact).toXml());
        publish(ALICE, exact);
        assertEquals(Xml.parse(exact), get(ALICE, IqScope.OWN_ACCOUNT, null));
    }

    @Test
    void theLimitMustBePositive() {
        assertEquals(65536, new VCardSettings(Map.<String, String>of()::get).maxBytes());
        assertThrows(IllegalArgumentException.class,
                () -> new VCardSettings(Map.of(VCardSettings.MAX_BYTES, "0")::get));
        assertThrows(IllegalArgumentException.class,
                () -> new VCardSettings(Map.of(VCardSettings.MAX_BYTES, "lots")::get));
    }
}

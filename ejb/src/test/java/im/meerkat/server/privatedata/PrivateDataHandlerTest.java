package im.meerkat.server.privatedata;

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
import im.meerkat.xmpp.xml.XmlName;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Private XML Storage (XEP-0049) as the server answers it, over a store in memory. */
class PrivateDataHandlerTest {

    private static final String ALICE = "alice@example.org/phone";
    private static final String Q = "jabber:iq:private";
    private static final String PREFS = "<prefs xmlns='urn:example:prefs'><color>green</color>"
            + "<nested><deeper a='1'/></nested></prefs>";

    /** The store's contract in a map. */
    static final class MemoryStore implements PrivateDataStore {
        final Map<String, String> rows = new ConcurrentHashMap<>();

        @Override
        public Optional<String> find(Jid account, XmlName name) {
            return Optional.ofNullable(rows.get(account + " " + name));
        }

        @Override
        public void save(Jid account, Map<XmlName, String> chunks) {
            chunks.forEach((name, xml) -> rows.put(account + " " + name, xml));
        }

        @Override
        public void delete(Jid account) {
            rows.keySet().removeIf(k -> k.startsWith(account + " "));
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final PrivateDataHandler handler = new PrivateDataHandler(store,
            new PrivateDataSettings(Map.of(PrivateDataSettings.MAX_BYTES, "300")::get));

    private void set(String from, String chunks) {
        assertNull(result(handler, request(from, IqScope.OWN_ACCOUNT,
                "<iq type='set' id='s'><query xmlns='" + Q + "'>" + chunks + "</query></iq>")));
    }

    private Element get(String from, String element) {
        Element query = result(handler, request(from, IqScope.OWN_ACCOUNT,
                "<iq type='get' id='g'><query xmlns='" + Q + "'>" + element + "</query></iq>"));
        assertEquals(XmlName.of(Q, "query"), query.name());
        assertEquals(1, query.elements().size(), query::toXml);
        return query.elements().get(0);
    }

    private StanzaErrorCondition refused(String from, IqScope scope, String iq) {
        return refusal(handler, request(from, scope, iq));
    }

    @Test
    void nothingStoredGivesTheEmptyElement() { // what servers answer and Smack reads
        Element empty = get(ALICE, "<prefs xmlns='urn:example:prefs'/>");
        assertEquals(XmlName.of("urn:example:prefs", "prefs"), empty.name());
        assertTrue(empty.children().isEmpty());
    }

    @Test
    void storedChunkComesBackWhole() { // XEP-0049 §2.3, examples 1 and 2
        set(ALICE, PREFS);
        assertEquals(Xml.parse(PREFS), get(ALICE, "<prefs xmlns='urn:example:prefs'/>"));
    }

    @Test
    void chunksAreKeptApartByQualifiedNameAndOwner() {
        set(ALICE, PREFS + "<prefs xmlns='urn:example:other'><x/></prefs>");
        set(ALICE, "<other xmlns='urn:example:prefs'>o</other>");
        assertEquals(Xml.parse(PREFS), get(ALICE, "<prefs xmlns='urn:example:prefs'/>"));
        assertEquals("o", get(ALICE, "<other xmlns='urn:example:prefs'/>").text());
        assertEquals(1, get(ALICE, "<prefs xmlns='urn:example:other'/>").elements().size());
        assertTrue(get("bob@example.org/pc", "<prefs xmlns='urn:example:prefs'/>")
                .children().isEmpty());
    }

    @Test
    void aNewChunkReplacesTheOld() {
        set(ALICE, PREFS);
        set(ALICE, "<prefs xmlns='urn:example:prefs'><color>red</color></prefs>");
        assertEquals("red", get(ALICE, "<prefs xmlns='urn:example:prefs'/>").elements().get(0)
                .text());
    }

    @Test
    void reservedOrMissingNamespacesAreNotAcceptable() { // §3
        for (String ns : new String[] {"jabber:client", "jabber:server", Q, ""}) {
            assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, refused(ALICE, IqScope.OWN_ACCOUNT,
                    "<iq type='set' id='x'><query xmlns='" + Q + "'><data xmlns='" + ns
                            + "'>v</data></query></iq>"), ns);
            assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, refused(ALICE, IqScope.OWN_ACCOUNT,
                    "<iq type='get' id='x'><query xmlns='" + Q + "'><data xmlns='" + ns
                            + "'/></query></iq>"), ns);
        }
        assertTrue(store.rows.isEmpty());
    }

    @Test
    void anotherAccountsOrTheServersStorageIsForbidden() { // §2.3, §3
        set(ALICE, PREFS);
        String get = "<query xmlns='" + Q + "'><prefs xmlns='urn:example:prefs'/></query></iq>";
        assertEquals(StanzaErrorCondition.FORBIDDEN, refused("bob@example.org/pc",
                IqScope.OTHER_ACCOUNT, "<iq type='get' id='x' to='alice@example.org'>" + get));
        assertEquals(StanzaErrorCondition.FORBIDDEN, refused("bob@example.org/pc",
                IqScope.OTHER_ACCOUNT, "<iq type='set' id='x' to='alice@example.org'><query xmlns='"
                        + Q + "'>" + "<prefs xmlns='urn:example:prefs'/></query></iq>"));
        assertEquals(StanzaErrorCondition.FORBIDDEN, refused(ALICE, IqScope.SERVER,
                "<iq type='get' id='x' to='example.org'>" + get));
        assertEquals(Xml.parse(PREFS), get(ALICE, "<prefs xmlns='urn:example:prefs'/>"));
    }

    @Test
    void aQueryMustNameOneElement() { // §2.3: "otherwise ... Not Acceptable"
        assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, refused(ALICE, IqScope.OWN_ACCOUNT,
                "<iq type='get' id='x'><query xmlns='" + Q + "'/></iq>"));
        assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, refused(ALICE, IqScope.OWN_ACCOUNT,
                "<iq type='set' id='x'><query xmlns='" + Q + "'/></iq>"));
        // §2.3: a client MUST NOT ask for more than one namespace in a get
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refused(ALICE, IqScope.OWN_ACCOUNT,
                "<iq type='get' id='x'><query xmlns='" + Q + "'><a xmlns='urn:a'/>"
                        + "<b xmlns='urn:b'/></query></iq>"));
    }

    @Test
    void aChunkOverTheLimitIsNotAcceptableAndNothingOfTheSetIsStored() {
        String big = "<big xmlns='urn:example:big'>" + "x".repeat(300) + "</big>";
        assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, refused(ALICE, IqScope.OWN_ACCOUNT,
                "<iq type='set' id='x'><query xmlns='" + Q + "'>" + PREFS + big + "</query></iq>"));
        assertTrue(store.rows.isEmpty());
    }

    @Test
    void overLongNamesAreNotAcceptable() {
        String ns = "urn:" + "n".repeat(PrivateDataHandler.MAX_NAMESPACE_CHARS);
        assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, refused(ALICE, IqScope.OWN_ACCOUNT,
                "<iq type='set' id='x'><query xmlns='" + Q + "'><a xmlns='" + ns
                        + "'/></query></iq>"));
        assertTrue(store.rows.isEmpty());
    }

    @Test
    void theLimitMustBePositive() {
        assertEquals(65536, new PrivateDataSettings(Map.<String, String>of()::get).maxBytes());
        assertThrows(IllegalArgumentException.class, () -> new PrivateDataSettings(
                Map.of(PrivateDataSettings.MAX_BYTES, "-1")::get));
        assertThrows(IllegalArgumentException.class, () -> new PrivateDataSettings(
                Map.of(PrivateDataSettings.MAX_BYTES, "64k")::get));
    }
}

package im.meerkat.server.privatedata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.account.AccountDeleted;
import im.meerkat.server.jpa.TestPersistence;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.XmlName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Private XML in table meerkat_private through the real persistence unit. */
class JpaPrivateDataStoreTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final Jid BOB = Jid.of("bob@example.org");
    private static final XmlName PREFS = XmlName.of("urn:example:prefs", "prefs");
    private static final XmlName OTHER = XmlName.of("urn:example:other", "prefs");

    private TestPersistence db;
    private JpaPrivateDataStore store;

    @BeforeEach
    void open() throws Exception {
        db = TestPersistence.open();
        store = new JpaPrivateDataStore(db.em());
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void chunksAreKeyedByOwnerNamespaceAndName() {
        Map<XmlName, String> chunks = new LinkedHashMap<>();
        chunks.put(PREFS, "<prefs xmlns=\"urn:example:prefs\">1</prefs>");
        chunks.put(OTHER, "<prefs xmlns=\"urn:example:other\">2</prefs>");
        db.tx(() -> store.save(ALICE, chunks));
        db.tx(() -> store.save(BOB, Map.of(PREFS, "<prefs xmlns=\"urn:example:prefs\">3</prefs>")));
        assertEquals(Optional.of(chunks.get(PREFS)), store.find(ALICE, PREFS));
        assertEquals(Optional.of(chunks.get(OTHER)), store.find(ALICE, OTHER));
        assertEquals(Optional.empty(), store.find(ALICE, XmlName.of("urn:example:prefs", "x")));
        assertEquals(3, db.rows("meerkat_private").size());
    }

    @Test
    void savingAgainReplaces() {
        db.tx(() -> store.save(ALICE, Map.of(PREFS, "<prefs xmlns=\"urn:example:prefs\"/>")));
        db.tx(() -> store.save(ALICE, Map.of(PREFS, "<prefs xmlns=\"urn:example:prefs\">n</prefs>")));
        assertEquals(Optional.of("<prefs xmlns=\"urn:example:prefs\">n</prefs>"),
                store.find(ALICE, PREFS));
        assertEquals(1, db.rows("meerkat_private").size());
    }

    @Test
    void accountDeletionRemovesEveryChunkOfThatAccountOnly() {
        db.tx(() -> store.save(ALICE, Map.of(PREFS, "<a/>", OTHER, "<b/>")));
        db.tx(() -> store.save(BOB, Map.of(PREFS, "<c/>")));
        db.tx(() -> new PrivateDataCleanup(store).accountDeleted(new AccountDeleted(ALICE)));
        assertTrue(store.find(ALICE, PREFS).isEmpty());
        assertTrue(store.find(ALICE, OTHER).isEmpty());
        assertEquals(1, db.rows("meerkat_private").size());
    }
}

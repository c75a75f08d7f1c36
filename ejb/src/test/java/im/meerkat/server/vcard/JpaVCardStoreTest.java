package im.meerkat.server.vcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.jpa.TestPersistence;
import im.meerkat.xmpp.jid.Jid;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** vCards in table meerkat_vcard through the real persistence unit. */
class JpaVCardStoreTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final Jid BOB = Jid.of("bob@example.org");

    private TestPersistence db;
    private JpaVCardStore store;

    @BeforeEach
    void open() throws Exception {
        db = TestPersistence.open();
        store = new JpaVCardStore(db.em());
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void savedVCardIsFoundByItsOwnerOnly() {
        String xml = "<vCard xmlns=\"vcard-temp\"><FN>Ålice ✓</FN></vCard>";
        db.tx(() -> store.save(ALICE, xml));
        assertEquals(Optional.of(xml), store.find(ALICE));
        assertEquals(Optional.empty(), store.find(BOB));
        assertEquals(1, db.rows("meerkat_vcard").size());
    }

    @Test
    void savingAgainReplacesTheRow() {
        db.tx(() -> store.save(ALICE, "<vCard xmlns=\"vcard-temp\"/>"));
        String large = "<vCard xmlns=\"vcard-temp\"><DESC>" + "z".repeat(60_000)
                + "</DESC></vCard>";
        db.tx(() -> store.save(ALICE, large));
        assertEquals(Optional.of(large), store.find(ALICE));
        assertEquals(1, db.rows("meerkat_vcard").size());
    }

    @Test
    void deleteRemovesOnlyThatAccountsVCard() {
        db.tx(() -> {
            store.save(ALICE, "<vCard xmlns=\"vcard-temp\"/>");
            store.save(BOB, "<vCard xmlns=\"vcard-temp\"/>");
        });
        db.tx(() -> store.delete(ALICE));
        db.tx(() -> store.delete(ALICE)); // nothing left: no error
        assertTrue(store.find(ALICE).isEmpty());
        assertTrue(store.find(BOB).isPresent());
    }

    @Test
    void accountDeletionEventDeletesTheVCard() {
        db.tx(() -> store.save(ALICE, "<vCard xmlns=\"vcard-temp\"/>"));
        db.tx(() -> new VCardCleanup(store)
                .accountDeleted(new im.meerkat.server.account.AccountDeleted(ALICE)));
        assertTrue(db.rows("meerkat_vcard").isEmpty());
    }
}

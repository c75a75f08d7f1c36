package im.meerkat.server.lastactivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.account.AccountDeleted;
import im.meerkat.server.jpa.TestPersistence;
import im.meerkat.server.routing.FakeAccountStore;
import im.meerkat.xmpp.jid.Jid;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logout times in table meerkat_last_activity through the real persistence unit. */
class JpaLastActivityStoreTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final Instant T1 = Instant.parse("2026-11-30T05:00:00.123Z");
    private static final Instant T2 = Instant.parse("2026-11-30T06:00:00Z");

    private final FakeAccountStore accounts = new FakeAccountStore();
    private TestPersistence db;
    private JpaLastActivityStore store;

    @BeforeEach
    void open() throws Exception {
        db = TestPersistence.open();
        store = new JpaLastActivityStore(db.em(), accounts);
        accounts.create(ALICE, "pw");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void theLatestLogoutWins() {
        db.tx(() -> store.recordLogout(ALICE, T1, "bye"));
        db.tx(() -> store.recordLogout(ALICE, T2, null));
        assertEquals(new LastActivityStore.Logout(T2, null), store.find(ALICE).orElseThrow());
        assertEquals(1, db.rows("meerkat_last_activity").size());
    }

    @Test
    void millisecondsAndStatusSurvive() {
        db.tx(() -> store.recordLogout(ALICE, T1, "x".repeat(2000)));
        LastActivityStore.Logout l = store.find(ALICE).orElseThrow();
        assertEquals(T1, l.at());
        assertEquals(LastLogout.MAX_STATUS_CHARS, l.status().length());
    }

    @Test
    void noRecordForAnAccountThatIsGone() { // its sessions end after the deletion
        db.tx(() -> store.recordLogout(Jid.of("ghost@example.org"), T1, null));
        assertTrue(db.rows("meerkat_last_activity").isEmpty());
    }

    @Test
    void accountDeletionForgetsTheRecord() {
        db.tx(() -> store.recordLogout(ALICE, T1, null));
        db.tx(() -> new LogoutRecorder(store).accountDeleted(new AccountDeleted(ALICE)));
        assertTrue(store.find(ALICE).isEmpty());
    }
}

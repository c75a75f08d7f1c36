package im.meerkat.server.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import im.meerkat.server.admin.AdminException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention: messages older than N days go, of everyone or of one account; bad input changes nothing. */
class ArchiveAdministrationTest {

    private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

    private MamDatabase db;
    private ArchiveStore store;
    private ArchiveAdministration admin;

    @BeforeEach
    void fill() {
        db = new MamDatabase();
        store = new ArchiveStore(db.dataSource);
        admin = new ArchiveAdministration(store, Clock.fixed(NOW, ZoneOffset.UTC));
        ArchiveWriter writer = new ArchiveWriter(new MamSettings(Map.<String, String>of()::get),
                db.dataSource, Thread::new);
        for (int daysAgo : List.of(40, 20, 5, 0)) {
            ArchiveIds ids = new ArchiveIds(1, Clock.fixed(NOW.minus(Duration.ofDays(daysAgo)),
                    ZoneOffset.UTC));
            writer.write(new ArchiveRow(ids.next(), "alice@example.org", "bob@example.org", null, "<m/>"));
            writer.write(new ArchiveRow(ids.next(), "bob@example.org", "alice@example.org", null, "<m/>"));
        }
        writer.stop();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long count(String owner) throws Exception {
        return store.query(new ArchiveQuery(owner, null, null, null, null, null, null, null, 0, false))
                .count();
    }

    @Test
    void purgesByAgeForAllOrOneAccount() throws Exception {
        assertEquals(2, admin.purgeOlderThan(30, Optional.empty()));
        assertEquals(3, count("alice@example.org"));
        assertEquals(1, admin.purgeOlderThan(10, Optional.of("bob@example.org")));
        assertEquals(2, count("bob@example.org"));
        assertEquals(3, count("alice@example.org"));
        assertEquals(2, admin.purgeOlderThan(0, Optional.of("alice@example.org")));
        assertEquals(1, count("alice@example.org"), "the message of this very moment is not older");
        assertEquals(1, admin.purgeAll("alice@example.org"));
        assertEquals(0, count("alice@example.org"));
    }

    @Test
    void badArgumentsAreRefusedAndNothingIsDeleted() throws Exception {
        for (int days : new int[] {-1, ArchiveAdministration.MAX_DAYS + 1}) {
            assertEquals(AdminException.Kind.INVALID_ARGUMENT, assertThrows(AdminException.class,
                    () -> admin.purgeOlderThan(days, Optional.empty())).kind());
        }
        for (String jid : List.of("example.org", "alice@example.org/phone", "@@")) {
            assertEquals(AdminException.Kind.INVALID_ARGUMENT, assertThrows(AdminException.class,
                    () -> admin.purgeOlderThan(0, Optional.of(jid))).kind(), jid);
        }
        assertEquals(4, count("alice@example.org"));
    }
}

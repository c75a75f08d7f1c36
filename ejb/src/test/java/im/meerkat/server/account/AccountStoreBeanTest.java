package im.meerkat.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.jpa.PostgresTestDatabase;
import im.meerkat.server.account.AccountException.Reason;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.sasl.ScramAlgorithm;
import im.meerkat.server.sasl.ScramKeys;
import im.meerkat.server.sasl.ScramSettings;
import im.meerkat.xmpp.jid.Jid;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account store on the real persistence unit, with the transactions the container would run
 * made by hand: EclipseLink over H2 in MODE=LEGACY, or over PostgreSQL when the environment has
 * {@code MEERKAT_TEST_DB=postgres} (database {@code meerkat_test} on 127.0.0.1:5432, user
 * {@code postgres}; or {@code MEERKAT_TEST_DB_URL}), each test in a schema of its own.
 */
class AccountStoreBeanTest {

    private EntityManagerFactory emf;
    private EntityManager em;
    private AccountStoreBean store;

    private String postgresUrl;
    private String schema;

    @BeforeEach
    void open() throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("jakarta.persistence.jtaDataSource", "");
        if ("postgres".equals(System.getenv("MEERKAT_TEST_DB"))) {
            postgresUrl = PostgresTestDatabase.url();
            schema = "account_test_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(postgresUrl, "postgres", "")) {
                c.createStatement().execute("CREATE SCHEMA " + schema);
            }
            props.put("jakarta.persistence.jdbc.driver", "org.postgresql.Driver");
            props.put("jakarta.persistence.jdbc.url", postgresUrl + "?currentSchema=" + schema);
            props.put("jakarta.persistence.jdbc.user", "postgres");
            props.put("jakarta.persistence.jdbc.password", "");
        } else {
            props.put("jakarta.persistence.jdbc.driver", "org.h2.Driver");
            props.put("jakarta.persistence.jdbc.url",
                    "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
            props.put("jakarta.persistence.jdbc.user", "sa");
            props.put("jakarta.persistence.jdbc.password", "");
        }
        emf = Persistence.createEntityManagerFactory("meerkat", props);
        em = emf.createEntityManager();
        ServerConfig config = new ServerConfig(Map.of("meerkat.domain", "example.org,other.test")::get);
        store = new AccountStoreBean(em, config, new ScramSettings(Map.<String, String>of()::get));
    }

    @AfterEach
    void close() throws Exception {
        em.close();
        emf.close();
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(postgresUrl, "postgres", "")) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private interface Op {
        void run() throws AccountException;
    }

    private void tx(Op op) throws AccountException {
        em.getTransaction().begin();
        try {
            op.run();
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.clear();
        }
    }

    @Test
    void createdAccountHasScramKeysForBothHashesThatMatchThePassword() throws Exception {
        Jid alice = Jid.of("alice@example.org");
        tx(() -> store.create(alice, "correct horse"));

        assertTrue(store.exists(alice));
        for (ScramAlgorithm a : ScramAlgorithm.values()) {
            ScramKeys keys = store.scramKeys(alice, a).orElseThrow();
            assertEquals(4096, keys.iterations());
            assertTrue(keys.matches("correct horse"), a.mechanism());
            assertFalse(keys.matches("correct horsE"), a.mechanism());
        }
        assertNotEquals(List.of(store.scramKeys(alice, ScramAlgorithm.SHA_1).orElseThrow().salt()),
                List.of(store.scramKeys(alice, ScramAlgorithm.SHA_256).orElseThrow().salt()));
    }

    @Test
    void thePasswordIsNotStored() throws Exception {
        tx(() -> store.create(Jid.of("alice@example.org"), "correct horse"));
        List<?> rows = em.createNativeQuery("SELECT * FROM meerkat_account").getResultList();
        assertEquals(1, rows.size());
        String row = java.util.Arrays.deepToString((Object[]) rows.get(0));
        assertFalse(row.contains("correct horse"), row);
    }

    @Test
    void localpartsAreCaseMappedAndListedSortedPerDomain() throws Exception {
        tx(() -> store.create(Jid.of("Bob@example.org"), "pw1"));
        tx(() -> store.create(Jid.of("alice@example.org"), "pw2"));
        tx(() -> store.create(Jid.of("carol@other.test"), "pw3"));

        assertEquals(List.of("alice", "bob"), store.users("example.org"));
        assertEquals(List.of("alice", "bob"), store.users("EXAMPLE.org"));
        assertEquals(List.of("carol"), store.users("other.test"));
        assertTrue(store.exists(Jid.of("BOB@example.org/phone")));
    }

    @Test
    void secondCreateOfTheSameAccountIsRefusedAndKeepsTheFirstPassword() throws Exception {
        Jid alice = Jid.of("alice@example.org");
        tx(() -> store.create(alice, "first"));
        AccountException e = assertThrows(AccountException.class, () -> tx(() -> store.create(Jid.of("ALICE@example.org"), "second")));
        assertEquals(Reason.EXISTS, e.reason());
        assertTrue(store.scramKeys(alice, ScramAlgorithm.SHA_256).orElseThrow().matches("first"));
    }

    @Test
    void badInputIsInvalidAndCreatesNothing() {
        assertEquals(Reason.INVALID, assertThrows(AccountException.class,
                () -> tx(() -> store.create(Jid.of("alice@elsewhere.net"), "pw"))).reason());
        assertEquals(Reason.INVALID, assertThrows(AccountException.class,
                () -> tx(() -> store.create(Jid.of("example.org"), "pw"))).reason());
        assertEquals(Reason.INVALID, assertThrows(AccountException.class,
                () -> tx(() -> store.create(Jid.of("alice@example.org"), ""))).reason());
        // OpaqueString (RFC 8265 §4.2) forbids control characters.
        assertEquals(Reason.INVALID, assertThrows(AccountException.class,
                () -> tx(() -> store.create(Jid.of("alice@example.org"), "pass\u0007word"))).reason());
        assertEquals(List.of(), store.users("example.org"));
    }

    @Test
    void changePasswordReplacesTheKeys() throws Exception {
        Jid alice = Jid.of("alice@example.org");
        tx(() -> store.create(alice, "old"));
        tx(() -> store.changePassword(alice, "new"));
        ScramKeys keys = store.scramKeys(alice, ScramAlgorithm.SHA_1).orElseThrow();
        assertTrue(keys.matches("new"));
        assertFalse(keys.matches("old"));
        assertEquals(Reason.NOT_FOUND, assertThrows(AccountException.class,
                () -> tx(() -> store.changePassword(Jid.of("bob@example.org"), "x"))).reason());
    }

    @Test
    void deleteRemovesTheAccount() throws Exception {
        Jid alice = Jid.of("alice@example.org");
        tx(() -> store.create(alice, "pw"));
        tx(() -> store.delete(alice));
        assertFalse(store.exists(alice));
        assertTrue(store.scramKeys(alice, ScramAlgorithm.SHA_256).isEmpty());
        assertEquals(Reason.NOT_FOUND, assertThrows(AccountException.class, () -> tx(() -> store.delete(alice))).reason());
    }
}

package im.meerkat.server.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real persistence unit {@code meerkat} outside a container, with the transactions the
 * container would run made by hand: EclipseLink over a fresh in-memory H2 in MODE=LEGACY, or over
 * PostgreSQL in a schema of its own when the environment has {@code MEERKAT_TEST_DB=postgres}
 * (as {@code AccountStoreBeanTest} describes).
 */
public final class TestPersistence implements AutoCloseable {

    private final EntityManagerFactory emf;
    private final EntityManager em;
    private final String postgresUrl;
    private final String schema;

    private TestPersistence(Map<String, Object> props, String postgresUrl, String schema) {
        this.emf = Persistence.createEntityManagerFactory("meerkat", props);
        this.em = emf.createEntityManager();
        this.postgresUrl = postgresUrl;
        this.schema = schema;
    }

    public static TestPersistence open() throws SQLException {
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("jakarta.persistence.jtaDataSource", "");
        if ("postgres".equals(System.getenv("MEERKAT_TEST_DB"))) {
            String url = PostgresTestDatabase.url();
            String schema = "xep_test_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                c.createStatement().execute("CREATE SCHEMA " + schema);
            }
            props.put("jakarta.persistence.jdbc.driver", "org.postgresql.Driver");
            props.put("jakarta.persistence.jdbc.url", url + "?currentSchema=" + schema);
            props.put("jakarta.persistence.jdbc.user", "postgres");
            props.put("jakarta.persistence.jdbc.password", "");
            return new TestPersistence(props, url, schema);
        }
        props.put("jakarta.persistence.jdbc.driver", "org.h2.Driver");
        props.put("jakarta.persistence.jdbc.url",
                "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        props.put("jakarta.persistence.jdbc.user", "sa");
        props.put("jakarta.persistence.jdbc.password", "");
        return new TestPersistence(props, null, null);
    }

    public EntityManager em() {
        return em;
    }

    /** Runs the work in one transaction, committed unless it throws; the context is cleared. */
    public void tx(Runnable work) {
        em.getTransaction().begin();
        try {
            work.run();
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.clear();
        }
    }

    /** Every row of a table, as the database returns them. */
    public List<?> rows(String table) {
        return em.createNativeQuery("SELECT * FROM " + table).getResultList();
    }

    @Override
    public void close() throws SQLException {
        em.close();
        emf.close();
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(postgresUrl, "postgres", "")) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}

package im.meerkat.server.roster;

import im.meerkat.server.jpa.PostgresTestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The persistence unit {@code meerkat} on a private in-memory H2 database in MODE=LEGACY, or,
 * with {@code MEERKAT_TEST_DB=postgres}, on PostgreSQL in a schema of its own (database {@code
 * meerkat_test} on 127.0.0.1:5432, user {@code postgres}, or {@code MEERKAT_TEST_DB_URL}), with
 * the transactions the container would run made by hand.
 */
public final class Database implements AutoCloseable {

    private final EntityManagerFactory emf;
    public final EntityManager em;
    private String postgresUrl;
    private String schema;

    public Database() {
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("jakarta.persistence.jtaDataSource", "");
        if ("postgres".equals(System.getenv("MEERKAT_TEST_DB"))) {
            try {
                postgresUrl = PostgresTestDatabase.url();
            } catch (SQLException e) {
                throw new IllegalStateException("no PostgreSQL test database: " + e.getMessage(), e);
            }
            schema = "roster_test_" + UUID.randomUUID().toString().replace("-", "");
            sql("CREATE SCHEMA " + schema);
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
    }

    private void sql(String statement) {
        try (Connection c = DriverManager.getConnection(postgresUrl, "postgres", "")) {
            c.createStatement().execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    /** Runs one transaction, as a container-managed EJB method would. */
    public synchronized <T> T tx(Supplier<T> work) {
        if (em.getTransaction().isActive()) {
            return work.get(); // a call within a bean joins the caller's transaction
        }
        em.getTransaction().begin();
        try {
            T result = work.get();
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.clear();
        }
    }

    public void run(Runnable work) {
        tx(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        em.close();
        emf.close();
        if (schema != null) {
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}

package im.meerkat.server.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The PostgreSQL database the unit tests use under {@code MEERKAT_TEST_DB=postgres}:
 * {@code MEERKAT_TEST_DB_URL}, by default {@code meerkat_test} on 127.0.0.1:5432 as user
 * {@code postgres} (trust authentication). It is created when missing, so the tests need nothing
 * prepared beyond a running server; each test then works in a schema of its own.
 */
public final class PostgresTestDatabase {

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/meerkat_test";
    /** SQLSTATE duplicate_database: another test JVM created it first. */
    private static final String DUPLICATE_DATABASE = "42P04";

    private PostgresTestDatabase() {
    }

    /** The database's URL, after making sure the database exists. */
    public static synchronized String url() throws SQLException {
        String url = Optional.ofNullable(System.getenv("MEERKAT_TEST_DB_URL")).orElse(DEFAULT_URL);
        if (url.equals(DEFAULT_URL)) {
            createIfMissing("meerkat_test");
        }
        return url;
    }

    private static void createIfMissing(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
                "postgres", "")) {
            var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
            exists.setString(1, name);
            if (exists.executeQuery().next()) {
                return;
            }
            try {
                c.createStatement().execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }
}

package im.meerkat.testsuite.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The PostgreSQL database of a node under {@code MEERKAT_TEST_DB=postgres}: dropped and created
 * anew before the node starts, so every run begins without accounts. The CI's server trusts
 * local connections of the user {@code postgres}.
 */
public final class TestDatabase {

    private static final String NAME_PATTERN = "[a-z_][a-z0-9_]*";

    private TestDatabase() {
    }

    /** Drops {@code name} (ending its connections) and creates it empty. */
    public static void recreate(String name) {
        if (!name.matches(NAME_PATTERN)) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", "postgres");
        credentials.setProperty("password", "postgres");
        try (Connection admin = DriverManager.getConnection(NodeConfig.POSTGRES_URL + "postgres",
                credentials); Statement sql = admin.createStatement()) {
            // A node of an earlier, aborted run may still hold connections.
            sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = '" + name + "' AND pid <> pg_backend_pid()");
            sql.execute("DROP DATABASE IF EXISTS " + name);
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + " at "
                    + NodeConfig.POSTGRES_URL + " as postgres: " + e.getMessage(), e);
        }
    }
}

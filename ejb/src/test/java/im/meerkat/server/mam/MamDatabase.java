package im.meerkat.server.mam;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The persistence unit {@code meerkat} over a fresh in-memory H2 in MODE=LEGACY, so that
 * EclipseLink creates the archive tables from the entities, and a JDBC data source on the same
 * database for the archive's plain JDBC.
 */
final class MamDatabase implements AutoCloseable {

    final EntityManagerFactory emf;
    final EntityManager em;
    final DataSource dataSource;

    MamDatabase() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1";
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("jakarta.persistence.jtaDataSource", "");
        props.put("jakarta.persistence.jdbc.driver", "org.h2.Driver");
        props.put("jakarta.persistence.jdbc.url", url);
        props.put("jakarta.persistence.jdbc.user", "sa");
        props.put("jakarta.persistence.jdbc.password", "");
        emf = Persistence.createEntityManagerFactory("meerkat", props);
        em = emf.createEntityManager();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        ds.setPassword("");
        dataSource = ds;
    }

    @Override
    public void close() {
        em.close();
        emf.close();
    }
}

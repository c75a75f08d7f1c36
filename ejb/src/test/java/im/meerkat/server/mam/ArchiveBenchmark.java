package im.meerkat.server.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Figures of the archive on PostgreSQL: sustained inserts per second through the batched writer,
 * and the p99 time of a page of 50 of one user. Not part of the build's tests; run with
 * {@code mvn -pl ejb test -Dtest=ArchiveBenchmark -Dmeerkat.mam.bench=jdbc:postgresql://127.0.0.1:5432/meerkat_mam_bench}
 * (user postgres, trust authentication). The table is emptied first.
 */
class ArchiveBenchmark {

    private static final int USERS = 1000;
    private static final int MESSAGES = 300_000;
    private static final int QUERIES = 2000;
    private static final String BODY = "<message xmlns='jabber:client' from='%s/phone' to='%s/desk' "
            + "type='chat' id='%d'><body>Just a message of an ordinary length, somewhat like a "
            + "chat line people write: %d</body><active xmlns='http://jabber.org/protocol/chatstates'/>"
            + "</message>";

    @Test
    void insertsPerSecondAndPageTimes() throws Exception {
        String url = System.getProperty("meerkat.mam.bench");
        assumeTrue(url != null, "set meerkat.mam.bench to a PostgreSQL JDBC URL");
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("jakarta.persistence.jtaDataSource", "");
        props.put("jakarta.persistence.jdbc.driver", "org.postgresql.Driver");
        props.put("jakarta.persistence.jdbc.url", url);
        props.put("jakarta.persistence.jdbc.user", "postgres");
        props.put("jakarta.persistence.jdbc.password", "");
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("meerkat", props);
        emf.createEntityManager().close(); // the schema exists from here on
        DataSource ds = pooled(url);
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("TRUNCATE " + ArchivedMessage.TABLE);
        }

        MamSettings settings = new MamSettings(Map.of(MamSettings.ENQUEUE_WAIT, "60000")::get);
        ArchiveWriter writer = new ArchiveWriter(settings, ds, Thread::new);
        ArchiveIds ids = new ArchiveIds(1);
        Random random = new Random(1);
        long start = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++) {
            // one user in ten messages is the heavy one whose pages are timed
            String owner = i % 10 == 0 ? "heavy@bench" : "user" + random.nextInt(USERS) + "@bench";
            String peer = "user" + random.nextInt(USERS) + "@bench";
            writer.write(new ArchiveRow(ids.next(), owner, peer, "phone",
                    String.format(BODY, peer, owner, i, i)));
        }
        writer.stop();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(MESSAGES, writer.written());
        System.out.printf("archive inserts: %d rows in %.1f s = %.0f rows/s (batch %d)%n", MESSAGES,
                seconds, MESSAGES / seconds, settings.batch());

        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("VACUUM ANALYZE " + ArchivedMessage.TABLE); // as autovacuum would
        }
        ArchiveStore store = new ArchiveStore(ds);
        long[] bounds = store.bounds("heavy@bench").orElseThrow();
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            long after = bounds[0] + (long) (random.nextDouble() * (bounds[1] - bounds[0]));
            ArchiveQuery q = switch (i % 3) {
                case 0 -> new ArchiveQuery("heavy@bench", null, null, null, null, null, null,
                        ArchiveQuery.LAST_PAGE, 50, false);
                case 1 -> new ArchiveQuery("heavy@bench", null, null, null, null, null, after, null, 50,
                        false);
                default -> new ArchiveQuery("heavy@bench", "user" + random.nextInt(USERS) + "@bench",
                        null, null, null, null, null, ArchiveQuery.LAST_PAGE, 50, false);
            };
            long t = System.nanoTime();
            store.query(q);
            nanos.add(System.nanoTime() - t);
        }
        Collections.sort(nanos);
        System.out.printf("page of 50 of one user with %d messages: p50 %.2f ms, p99 %.2f ms,"
                + " max %.2f ms (%d queries: last page, random page, last page with one peer;"
                + " each with count and index)%n", MESSAGES / 10, nanos.get(QUERIES / 2) / 1e6,
                nanos.get(QUERIES * 99 / 100) / 1e6, nanos.get(QUERIES - 1) / 1e6, QUERIES);
        emf.close();
    }

    /** One open connection per thread, as a pool would hand out; close() gives it back. */
    private static DataSource pooled(String url) {
        ThreadLocal<Connection> held = ThreadLocal.withInitial(() -> {
            try {
                return DriverManager.getConnection(url, "postgres", "");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return (DataSource) Proxy.newProxyInstance(ArchiveBenchmark.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Connection real = held.get();
                    return Proxy.newProxyInstance(ArchiveBenchmark.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("close")) {
                                    return null;
                                }
                                try {
                                    return m.invoke(real, a);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }
}

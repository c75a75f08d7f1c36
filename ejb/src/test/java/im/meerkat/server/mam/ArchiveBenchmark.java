package im.meerkat.server.mam;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * Figures of the archive on PostgreSQL, printed (a tool, not a test): sustained archive writes
 * through the server's own write path ({@link ArchiveWriter}: the queue, the batched insert, one
 * connection), then the time of a page of 50 through the server's own query code
 * ({@link ArchiveStore}) for one user whose archive holds a large share of a large table.
 *
 * <p>It creates its database (dropped first if it exists) with the schema EclipseLink makes
 * from the entities, fills the table for the page figures with one {@code INSERT ... SELECT
 * generate_series} (indexes dropped for the fill and made again from their own definitions),
 * runs {@code VACUUM ANALYZE} as autovacuum would, and drops the database at the end
 * ({@code --keep true} keeps it; {@code --reuse true} times the pages again in a database kept
 * before, without writes or fill; {@code --count-limit N} sets the count limit of the queries). Run from
 * the repository root, after {@code ./mvnw -o -B test-compile -pl ejb -am}:
 *
 * <pre>
 * ./mvnw -o -B -q exec:java -pl ejb -Dexec.classpathScope=test \
 *     -Dexec.mainClass=im.meerkat.server.mam.ArchiveBenchmark \
 *     -Dexec.args="--database meerkat_bench_181 --writes 500000 --rows 10000000 --heavy 1000000"
 * </pre>
 *
 * PostgreSQL at 127.0.0.1:5432, user postgres without password (trust), as in the test suite.
 */
public final class ArchiveBenchmark {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String HEAVY = "heavy@bench";
    private static final int USERS = 10_000;
    private static final int PEERS = 1_000;
    private static final String XML = "<message xmlns='jabber:client' from='%s/phone' to='%s/desk' "
            + "type='chat' id='%d'><body>Just a message of an ordinary length, somewhat like a "
            + "chat line people write: %d</body><active xmlns='http://jabber.org/protocol/chatstates'/>"
            + "</message>";

    private final String database;
    private final Map<String, String> options;

    private ArchiveBenchmark(Map<String, String> options) {
        this.options = options;
        this.database = options.getOrDefault("database", "meerkat_bench");
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new ArchiveBenchmark(options).run();
    }

    private long option(String name, long fallback) {
        return Long.parseLong(options.getOrDefault(name, Long.toString(fallback)).replace("_", ""));
    }

    private void run() throws Exception {
        System.out.printf("archive benchmark %s, database %s, %d processors, load average %s%n",
                Instant.now(), database, Runtime.getRuntime().availableProcessors(), loadAverage());
        boolean reuse = options.containsKey("reuse");
        if (!reuse) {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            admin("CREATE DATABASE " + database);
        }
        String url = SERVER + database;
        EntityManagerFactory emf = schema(url);
        try {
            DataSource ds = pooled(url);
            if (reuse) {
                // a database an earlier run filled and kept: only the pages are timed again
                queries(ds, (int) option("queries", 1000));
                return;
            }
            for (String rows : options.getOrDefault("insert-rows", "1,100").split(",")) {
                writes(ds, (int) option("writes", 500_000), (int) option("batch", 500), Integer.parseInt(rows));
            }
            if (option("rows", 10_000_000) > 0) {
                pages(ds, option("rows", 10_000_000), option("heavy", 1_000_000), (int) option("queries", 1000));
            }
        } finally {
            emf.close();
            if (!options.containsKey("keep") && !reuse) {
                admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                System.out.println("dropped database " + database);
            }
        }
    }

    /** The tables as the server makes them: EclipseLink's DDL from the entities. */
    private static EntityManagerFactory schema(String url) {
        Map<String, Object> props = new HashMap<>();
        props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("jakarta.persistence.jtaDataSource", "");
        props.put("jakarta.persistence.jdbc.driver", "org.postgresql.Driver");
        props.put("jakarta.persistence.jdbc.url", url);
        props.put("jakarta.persistence.jdbc.user", "postgres");
        props.put("jakarta.persistence.jdbc.password", "");
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("meerkat", props);
        emf.createEntityManager().close(); // the schema exists from here on
        return emf;
    }

    /** Archive rows of 1000 users through the writer, as fast as it takes them. */
    private static void writes(DataSource ds, int rows, int batch, int insertRows) throws Exception {
        MamSettings settings = new MamSettings(Map.of(MamSettings.ENQUEUE_WAIT, "60000",
                MamSettings.BATCH, Integer.toString(batch),
                MamSettings.INSERT_ROWS, Integer.toString(insertRows))::get);
        ArchiveWriter writer = new ArchiveWriter(settings, ds, Thread::new);
        ArchiveIds ids = new ArchiveIds(1);
        Random random = new Random(1);
        long start = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            String owner = "user" + random.nextInt(1000) + "@bench";
            String peer = "user" + random.nextInt(1000) + "@bench";
            writer.write(new ArchiveRow(ids.next(), owner, peer, "phone", String.format(XML, peer, owner, i, i)));
        }
        writer.stop();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (writer.written() != rows) {
            throw new IllegalStateException("written " + writer.written() + " of " + rows);
        }
        System.out.printf("archive writes: %d rows in %.1f s = %.0f rows/s (ArchiveWriter, batches of %d,"
                + " %d rows per INSERT, one connection, synchronous_commit on)%n", rows, seconds,
                rows / seconds, batch, insertRows);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + ArchivedMessage.TABLE);
        }
    }

    /** Fills the table with fast SQL, then times pages of the heavy user. */
    private void pages(DataSource ds, long rows, long heavy, int queries) throws Exception {
        long every = rows / heavy;
        List<String> indexes = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = '"
                    + ArchivedMessage.TABLE + "' AND indexdef NOT LIKE '%UNIQUE%'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(2));
                    System.out.println("index: " + rs.getString(2));
                }
            }
            for (String def : indexes) {
                s.execute("DROP INDEX " + def.replaceFirst("^CREATE INDEX (\\S+) .*$", "$1"));
            }
            long start = System.nanoTime();
            long base = ArchiveIds.lowest(Instant.parse("2025-01-01T00:00:00Z"));
            // one message every 3 ms from 2025-01-01; every EVERY-th belongs to the heavy user
            s.execute("INSERT INTO " + ArchivedMessage.TABLE + " (id, owner, peer, peer_resource, xml)"
                    + " SELECT " + base + " + (i * 3) * 4194304 + 4096 + (i % 4096),"
                    + " CASE WHEN i % " + every + " = 0 THEN '" + HEAVY + "'"
                    + " ELSE 'u' || ((i * 7919) % " + USERS + ") || '@bench' END,"
                    + " 'p' || ((i / " + every + ") % " + PEERS + ") || '@bench', 'phone',"
                    + " '<message xmlns=''jabber:client'' type=''chat'' id=''' || i || '''><body>Just a"
                    + " message of an ordinary length, somewhat like a chat line people write: ' || i"
                    + " || '</body><active xmlns=''http://jabber.org/protocol/chatstates''/></message>'"
                    + " FROM generate_series(1::bigint, " + rows + "::bigint) AS i");
            double fill = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            for (String def : indexes) {
                s.execute(def);
            }
            double index = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            s.execute("VACUUM ANALYZE " + ArchivedMessage.TABLE);
            System.out.printf("filled %d rows (%d of %s, %d peers each) in %.0f s, indexes %.0f s,"
                    + " VACUUM ANALYZE %.0f s%n", rows, heavy, HEAVY, PEERS, fill, index,
                    (System.nanoTime() - start) / 1e9);
        }
        queries(ds, queries);
    }

    /** Times pages of the heavy user in a filled table. */
    private void queries(DataSource ds, int queries) throws SQLException {
        ArchiveStore store = new ArchiveStore(ds, (int) option("count-limit", MamSettings.DEFAULT_COUNT_LIMIT));
        long[] bounds = store.bounds(HEAVY).orElseThrow();
        Random random = new Random(2);
        time(store, queries, "last page (RSM <before/>)", i -> new ArchiveQuery(HEAVY, null, null, null,
                null, null, null, ArchiveQuery.LAST_PAGE, 50, false));
        time(store, queries, "page after a random id (RSM <after/>)", i -> new ArchiveQuery(HEAVY, null,
                null, null, null, null, someId(store, bounds, random), null, 50, false));
        time(store, queries, "last page with one peer (with)", i -> new ArchiveQuery(HEAVY,
                "p" + random.nextInt(PEERS) + "@bench", null, null, null, null, null,
                ArchiveQuery.LAST_PAGE, 50, false));
        time(store, queries, "first page with one peer after a random id", i -> new ArchiveQuery(HEAVY,
                "p" + random.nextInt(PEERS) + "@bench", null, null, null, null,
                someId(store, bounds, random), null, 50, false));
    }

    /** An id of the heavy user's archive, picked at random in its range. */
    private static long someId(ArchiveStore store, long[] bounds, Random random) {
        long guess = bounds[0] + (long) (random.nextDouble() * (bounds[1] - bounds[0]));
        try {
            List<ArchiveStore.Stored> page = store.query(new ArchiveQuery(HEAVY, null, null, null, null,
                    null, guess, null, 1, false)).items();
            return page.isEmpty() ? bounds[0] : page.get(0).id();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void time(ArchiveStore store, int queries, String what, IntFunction<ArchiveQuery> query)
            throws SQLException {
        long[] nanos = new long[queries];
        ArchiveStore.Page last = null;
        for (int i = 0; i < queries; i++) {
            ArchiveQuery q = query.apply(i);
            long t = System.nanoTime();
            last = store.query(q);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("page of 50, %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d queries; last had %d"
                + " items, count %d, index %d)%n", what, nanos[queries / 2] / 1e6,
                nanos[queries * 99 / 100] / 1e6, nanos[queries - 1] / 1e6, queries,
                last.items().size(), last.count(), last.firstIndex());
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
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

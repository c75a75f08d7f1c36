package im.meerkat.testsuite.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.DatabaseProxy;
import im.meerkat.testsuite.harness.MeerkatNode;
import im.meerkat.testsuite.harness.NodeConfig;
import im.meerkat.testsuite.harness.Suite;
import im.meerkat.testsuite.harness.TestDatabase;
import im.meerkat.testsuite.metrics.MetricsScrape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The archive through a database outage (architecture invariants 1 and 9, docs/ARCHIVE.md): a
 * node of its own reaches PostgreSQL through a {@link DatabaseProxy}; while two users chat, the
 * test cuts the database away for longer than a pool or driver timeout, so that archive writes
 * really fail, then restores it. Messaging must go on throughout, and afterwards both archives
 * (XEP-0313) must hold every message sent, with nothing dropped: the rows waited in the
 * writer's queue and the datasource pool recovered.
 */
class MamDatabaseOutageIT {

    private static final String DATABASE = "meerkat_mam_outage_" + Suite.sharedNode();
    private static final Duration STEADY = Duration.ofSeconds(3);
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final long SEND_EVERY_MILLIS = 20;
    private static final String APPLICATION = "mp_scope=\"application\"";

    private static DatabaseProxy proxy;
    private static MeerkatNode node;

    @RegisterExtension
    final Clients clients = Clients.on(() -> node);

    @BeforeAll
    static void start() {
        TestDatabase.recreate(DATABASE);
        proxy = DatabaseProxy.toPostgres();
        int number = MeerkatNode.freeNumber(Suite.sharedNode() + 1);
        // The database goes in as launcher variables: the harness's own would bypass the proxy.
        node = MeerkatNode.start(NodeConfig.shared().withNumber(number).withDatabase(null)
                .with("MEERKAT_DB_URL", proxy.jdbcUrl(DATABASE))
                .with("MEERKAT_DB_USER", "postgres")
                .with("MEERKAT_DB_PASSWORD", "postgres"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private static double metric(String name) {
        return MetricsScrape.of(node.config().httpPort()).value(name, APPLICATION);
    }

    /** Every body of the account's archive, oldest first, paging through all of it. */
    private static List<String> archivedBodies(XMPPTCPConnection connection) throws Exception {
        MamManager mam = MamManager.getInstanceFor(connection);
        assertTrue(mam.isSupported(), "disco#info on the own bare JID lists urn:xmpp:mam:2");
        MamQuery query = mam.queryArchive(MamQueryArgs.builder().setResultPageSizeTo(250).build());
        List<String> bodies = new ArrayList<>();
        query.getMessages().forEach(m -> bodies.add(m.getBody()));
        while (!query.isComplete()) {
            query.pageNext(250).forEach(m -> bodies.add(m.getBody()));
        }
        return bodies;
    }

    /** Takes what arrived until the deadline, checking the order; returns how many. */
    private static int receiveUntil(BlockingQueue<String> received, List<String> got, long deadline)
            throws InterruptedException {
        int before = got.size();
        while (System.nanoTime() < deadline) {
            String body = received.poll(50, TimeUnit.MILLISECONDS);
            if (body != null) {
                assertEquals("m" + got.size(), body, "RFC 6120 §10.1: messages in the order sent");
                got.add(body);
            }
        }
        return got.size() - before;
    }

    @Test
    void messagingGoesOnWhileTheDatabaseIsAwayAndTheArchiveKeepsEveryMessage() throws Exception {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection a = clients.connect(alice, "desk");
        XMPPTCPConnection b = clients.connect(bob, "phone");
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        b.addSyncStanzaListener(s -> received.add(((Message) s).getBody()),
                FromMatchesFilter.createFull(a.getUser()));
        double failuresBefore = metric("meerkat_archive_write_failures_total");

        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Thread sender = new Thread(() -> {
            while (sending.get()) {
                Chat.send(a, b.getUser(), "m" + sent.getAndIncrement());
                try {
                    Thread.sleep(SEND_EVERY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "alice-sends");
        List<String> got = new ArrayList<>();
        sender.start();
        try {
            receiveUntil(received, got, System.nanoTime() + STEADY.toNanos());

            proxy.cut();
            int duringOutage = receiveUntil(received, got, System.nanoTime() + OUTAGE.toNanos());
            assertTrue(duringOutage > 0, "messages were delivered while the database was away");
            assertTrue(metric("meerkat_archive_write_failures_total") > failuresBefore,
                    "archive writes failed while the database was away (the test cut it long enough)");
            assertEquals(1, metric("meerkat_archive_retrying"), "the writer retries");
            assertTrue(metric("meerkat_archive_queue") > 0, "rows wait in the queue");

            proxy.restore();
            receiveUntil(received, got, System.nanoTime() + STEADY.toNanos());
        } finally {
            sending.set(false);
            sender.join();
        }
        int total = sent.get();
        Await.until("all " + total + " messages at bob", Duration.ofSeconds(30), () -> {
            try {
                receiveUntil(received, got, System.nanoTime() + 100_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return got.size() == total;
        }, got::size);

        // The writer catches up once the pool hands out working connections again.
        Await.until("the archive queue drained", Duration.ofSeconds(60),
                () -> metric("meerkat_archive_queue") == 0 && metric("meerkat_archive_retrying") == 0,
                () -> "queue " + metric("meerkat_archive_queue") + ", retrying "
                        + metric("meerkat_archive_retrying"));
        List<String> expected = IntStream.range(0, total).mapToObj(i -> "m" + i).toList();
        assertEquals(expected, archivedBodies(a), "the sender's archive keeps every message");
        assertEquals(expected, archivedBodies(b), "the recipient's archive keeps every message");
        assertEquals(0, metric("meerkat_archive_dropped_total"), "no archive copy was dropped");
        // A login reads the credentials through JPA: the pool serves the rest of the server too.
        clients.connect(alice, "again");
    }
}

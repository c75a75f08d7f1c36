package im.meerkat.testsuite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /metrics} of a running node (docs/METRICS.md): a Smack user's login, messages and
 * session show in the counters and the session gauge. The suite runs its classes one at a time
 * (no parallel execution is configured); sessions of earlier tests may still be ending, so the
 * session gauge is read once it holds still.
 */
class MetricsIT {

    private static final int MESSAGES = 5;
    private static final String TCP = "transport=\"tcp\"";
    private static final String MESSAGE = "kind=\"message\"";

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void aLoginAndItsMessagesShowInTheCountersAndTheSessionGauge() {
        Account alice = clients.newAccount("alice");
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection b = clients.login(bob).mechanism("SCRAM-SHA-256").resource("phone").connect();

        MetricsScrape before = settledScrape();
        XMPPTCPConnection a = clients.login(alice).mechanism("SCRAM-SHA-256").resource("desk").connect();
        MetricsScrape loggedIn = scrape();
        assertEquals(before.value("meerkat_sessions", TCP) + 1, loggedIn.value("meerkat_sessions", TCP),
                "one more bound TCP session");
        assertEquals(before.value("meerkat_logins_total", "mechanism=\"SCRAM-SHA-256\"") + 1,
                loggedIn.value("meerkat_logins_total", "mechanism=\"SCRAM-SHA-256\""));

        try (Inbox inbox = Inbox.messages(b)) {
            for (int i = 0; i < MESSAGES; i++) {
                Chat.send(a, bob.full("phone"), "metrics " + i);
            }
            for (int i = 0; i < MESSAGES; i++) {
                inbox.nextMessage("message " + i);
            }
        }
        MetricsScrape after = scrape();
        assertEquals(loggedIn.value("meerkat_stanzas_in_total", MESSAGE) + MESSAGES,
                after.value("meerkat_stanzas_in_total", MESSAGE), "messages from alice");
        assertEquals(loggedIn.value("meerkat_stanzas_out_total", MESSAGE) + MESSAGES,
                after.value("meerkat_stanzas_out_total", MESSAGE), "messages to bob");
        assertTrue(after.value("meerkat_routing_seconds_count", "mp_scope")
                >= loggedIn.value("meerkat_routing_seconds_count", "mp_scope") + MESSAGES, after.text());
    }

    @Test
    void aWrongPasswordCountsAsAnAuthenticationFailureOfItsMechanism() {
        Account carol = clients.newAccount("carol");
        MetricsScrape before = scrape();
        assertThrows(SASLErrorException.class, () -> clients.login(carol.user(), "not " + carol.password())
                .mechanism("PLAIN").resource("x").connectOrThrow());
        MetricsScrape after = scrape();
        assertEquals(before.value("meerkat_auth_failures_total", "mechanism=\"PLAIN\"") + 1,
                after.value("meerkat_auth_failures_total", "mechanism=\"PLAIN\""));
        assertEquals(before.value("meerkat_logins_total", "mechanism=\"PLAIN\""),
                after.value("meerkat_logins_total", "mechanism=\"PLAIN\""));
    }

    @Test
    void theExpositionIsPrometheusTextWithTheJvmsMemoryAndGc() {
        MetricsScrape scrape = scrape();
        assertTrue(scrape.contentType().startsWith("text/plain; version=0.0.4"), scrape.contentType());
        assertTrue(scrape.text().contains("# TYPE meerkat_stanzas_in_total counter"), scrape.text());
        assertTrue(scrape.text().contains("memory_usedHeap_bytes{"), scrape.text());
        assertTrue(scrape.text().contains("gc_total{"), scrape.text());
        // the suite's node runs as a cluster of its own
        assertEquals(1, scrape.value("meerkat_cluster_members", "mp_scope"), scrape.text());
    }

    /** A scrape after which the TCP session gauge stayed the same for half a second (10 s at most). */
    private MetricsScrape settledScrape() {
        MetricsScrape last = scrape();
        for (int i = 0; i < 20; i++) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            MetricsScrape next = scrape();
            if (next.value("meerkat_sessions", TCP) == last.value("meerkat_sessions", TCP)) {
                return next;
            }
            last = next;
        }
        return last;
    }

    private MetricsScrape scrape() {
        return MetricsScrape.of(clients.node().config().httpPort());
    }
}

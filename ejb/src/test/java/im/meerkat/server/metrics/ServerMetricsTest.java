package im.meerkat.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import io.smallrye.metrics.SharedMetricRegistries;
import io.smallrye.metrics.exporters.PrometheusMetricsExporter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

/**
 * The metrics a node reports, checked in the Prometheus text format (version 0.0.4) that
 * {@code /metrics} serves. The registry is process-wide, so each test compares before and after.
 */
class ServerMetricsTest {

    private final ServerMetrics metrics =
            new ServerMetrics(SharedMetricRegistries.getOrCreate(MetricRegistry.APPLICATION_SCOPE));

    @Test
    void stanzasAreCountedByKindAndOtherElementsAreNot() {
        double messagesIn = value("meerkat_stanzas_in_total", "kind=\"message\"");
        double iqOut = value("meerkat_stanzas_out_total", "kind=\"iq\"");
        metrics.stanzaIn(Element.empty(XmlName.of(Namespaces.CLIENT, "message")));
        metrics.stanzaIn(Element.empty(XmlName.of(Namespaces.CLIENT, "message")));
        metrics.stanzaIn(Element.empty(XmlName.of(Namespaces.SASL, "auth")));
        metrics.stanzaIn(Element.empty(XmlName.of("urn:example", "message")));
        metrics.stanzaOut(Element.empty(XmlName.of(Namespaces.CLIENT, "iq")));
        assertEquals(messagesIn + 2, value("meerkat_stanzas_in_total", "kind=\"message\""));
        assertEquals(iqOut + 1, value("meerkat_stanzas_out_total", "kind=\"iq\""));
    }

    @Test
    void loginsAndFailuresAreLabelledByOfferedMechanismOnly() {
        double scram = value("meerkat_logins_total", "mechanism=\"SCRAM-SHA-256\"");
        double unsupported = value("meerkat_auth_failures_total", "mechanism=\"unsupported\"");
        metrics.login("SCRAM-SHA-256");
        metrics.authFailure(null);
        assertEquals(scram + 1, value("meerkat_logins_total", "mechanism=\"SCRAM-SHA-256\""));
        assertEquals(unsupported + 1, value("meerkat_auth_failures_total", "mechanism=\"unsupported\""));
    }

    @Test
    void slowConsumersAreCountedAmongClosedConnections() {
        double slow = value("meerkat_connections_closed_total", "cause=\"SLOW_CONSUMER\"");
        metrics.connectionClosed(CloseReason.Cause.SLOW_CONSUMER);
        assertEquals(slow + 1, value("meerkat_connections_closed_total", "cause=\"SLOW_CONSUMER\""));
    }

    @Test
    void theArchiveWriterReportsRowsBatchTimesFailuresDropsAndItsQueue() {
        double written = value("meerkat_archive_written_total", "");
        double batches = value("meerkat_archive_write_seconds_count", "");
        double failures = value("meerkat_archive_write_failures_total", "");
        double dropped = value("meerkat_archive_dropped_total", "");
        metrics.archiveWritten(500, 20_000_000);
        metrics.archiveWriteFailed();
        metrics.archiveDropped(3);
        AtomicLong queued = new AtomicLong(42);
        metrics.archiveGauges(queued::get, () -> 1L);
        assertEquals(written + 500, value("meerkat_archive_written_total", ""));
        assertEquals(batches + 1, value("meerkat_archive_write_seconds_count", ""));
        assertEquals(failures + 1, value("meerkat_archive_write_failures_total", ""));
        assertEquals(dropped + 3, value("meerkat_archive_dropped_total", ""));
        assertEquals(42, value("meerkat_archive_queue", ""));
        assertEquals(1, value("meerkat_archive_retrying", ""));
        queued.set(7);
        assertEquals(7, value("meerkat_archive_queue", ""), "read at each scrape");
    }

    @Test
    void routingIsATimerInSeconds() {
        double count = value("meerkat_routing_seconds_count", "");
        metrics.routed(3_000_000);
        assertEquals(count + 1, value("meerkat_routing_seconds_count", ""));
        assertTrue(export().contains("# TYPE meerkat_routing_seconds "), export());
    }

    @Test
    void sessionGaugeIsReadAtEachScrapeAndRegisteredOnce() {
        AtomicLong sessions = new AtomicLong(3);
        metrics.sessionGauge("bosh", sessions::get);
        metrics.sessionGauge("bosh", () -> 99L);
        assertEquals(3, value("meerkat_sessions", "transport=\"bosh\""));
        sessions.set(4);
        assertEquals(4, value("meerkat_sessions", "transport=\"bosh\""));
    }

    @Test
    void clusterMembersGaugeFollowsTheViewAndIsRegisteredOnce() {
        AtomicLong members = new AtomicLong(3);
        metrics.clusterMembersGauge(members::get);
        metrics.clusterMembersGauge(() -> 99L);
        assertEquals(3, value("meerkat_cluster_members", "mp_scope"));
        members.set(2);
        assertEquals(2, value("meerkat_cluster_members", "mp_scope"));
    }

    @Test
    void disabledMetricsAcceptCallsAndCountNothing() {
        ServerMetrics none = ServerMetrics.none();
        none.stanzaIn(Element.empty(XmlName.of(Namespaces.CLIENT, "message")));
        none.login("PLAIN");
        none.authFailure("PLAIN");
        none.routed(1);
        none.connectionClosed(CloseReason.Cause.IO_ERROR);
        none.sessionGauge("tcp", () -> 1L);
    }

    private static String export() {
        return new PrometheusMetricsExporter().exportAllScopes();
    }

    /** The value of the one sample of {@code name} whose labels contain {@code label}; 0 if none. */
    private static double value(String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(export());
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}

package im.meerkat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.admin.AdminException;
import im.meerkat.server.admin.ClusterAbsentNode;
import im.meerkat.server.admin.ClusterNodeSummary;
import im.meerkat.server.routing.FakeChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code cluster-status} and {@code remove-from-cluster} (docs/CLUSTER.md) over a fixed view. */
class ClusterAdministrationTest {

    private final ClusterFixture f = new ClusterFixture();
    private final List<String> purged = new ArrayList<>();
    private final ClusterService cluster = new ClusterService() {
        @Override
        public String node() {
            return "node1";
        }

        @Override
        public List<String> members() {
            return List.of("node1", "node2");
        }

        @Override
        public String coordinator() {
            return "node2";
        }

        @Override
        public Map<String, String> status() {
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("node1", "127.0.0.1:5222\t65000");
            answers.put("node2", null); // did not answer in time
            return answers;
        }

        @Override
        public int purge(String node) {
            purged.add(node);
            return 7;
        }
    };
    /** The rows of the database's node table, by node name. */
    private final Map<String, NodeRegistry.Entry> rows = new LinkedHashMap<>();
    private final List<String> forgotten = new ArrayList<>();
    private final NodeRegistry nodes = new NodeRegistry() {
        @Override
        public List<Entry> nodes(String clusterName) {
            assertEquals("meerkat", clusterName);
            return List.copyOf(rows.values());
        }

        @Override
        public boolean forget(String clusterName, String node) {
            forgotten.add(node);
            return rows.remove(node) != null;
        }
    };
    private static final long NOW = 1_800_000_000_000L;
    private final ClusterAdministration admin = new ClusterAdministration(cluster, f.registry, nodes,
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    private void row(String node, String address, long secondsAgo) {
        rows.put(node, new NodeRegistry.Entry(node, address, NOW - 3_600_000, NOW - secondsAgo * 1000));
    }

    @Test
    void statusListsEveryMemberWithItsSessionsAndUptime() throws Exception {
        f.bind("desk", new FakeChannel("node1", "c1"));
        f.remote("node2", "phone", true);
        f.remote("node2", "tablet", true);

        List<ClusterNodeSummary> nodes = admin.status();

        assertEquals(List.of(
                new ClusterNodeSummary("node1", "127.0.0.1:5222", 1, 65, true, false),
                new ClusterNodeSummary("node2", "?", 2, -1, false, true)), nodes);
    }

    @Test
    void aRunningMemberIsRemovedOnlyWhenForced() throws Exception {
        AdminException refused = assertThrows(AdminException.class,
                () -> admin.remove("node2", false));
        assertEquals(AdminException.Kind.CONFLICT, refused.kind());
        assertTrue(purged.isEmpty());

        assertEquals(7, admin.remove("node2", true));
        assertEquals(List.of("node2"), purged);
    }

    @Test
    void aNodeThatLeftWithRecordsIsRemoved() throws Exception {
        f.remote("node3", "phone", true);
        assertEquals(7, admin.remove("node3", false));
        assertEquals(List.of("node3"), purged);
    }

    @Test
    void nodesOutsideTheViewAreListedFromTheirRowsAndTheirRecords() {
        row("node1", "127.0.0.1:5222", 2);
        row("node2", "127.0.0.1:5322", 4);
        row("node3", "127.0.0.1:5422", 95); // killed: its row stays
        f.remote("node3", "phone", true);
        f.remote("node4", "desk", true); // records, no row (it crashed before writing one)
        row("node5", "127.0.0.1:5622", 3); // writes its row, outside this view: a partition

        assertEquals(List.of(
                new ClusterAbsentNode("node3", 1, "127.0.0.1:5422", 95),
                new ClusterAbsentNode("node4", 1, null, -1),
                new ClusterAbsentNode("node5", 0, "127.0.0.1:5622", 3)), admin.absent());
    }

    @Test
    void aNodeKnownOnlyByItsRowIsRemovedWithItsRow() throws Exception {
        row("node3", "127.0.0.1:5422", 600);
        assertEquals(7, admin.remove("node3", false));
        assertEquals(List.of("node3"), purged);
        assertEquals(List.of("node3"), forgotten);
        assertEquals(List.of(), admin.absent().stream().map(ClusterAbsentNode::name)
                .filter("node3"::equals).toList());
    }

    @Test
    void aForcedRemovalOfARunningMemberKeepsItsRow() throws Exception {
        row("node2", "127.0.0.1:5322", 4);
        admin.remove("node2", true);
        assertEquals(List.of("node2"), purged);
        assertEquals(List.of(), forgotten, "it writes its row again anyway");
    }

    @Test
    void anUnknownNodeIsRefusedWithTheKnownOnes() {
        AdminException refused = assertThrows(AdminException.class,
                () -> admin.remove("node9", false));
        assertEquals(AdminException.Kind.NOT_FOUND, refused.kind());
        assertTrue(refused.getMessage().contains("node1, node2"), refused.getMessage());
        assertTrue(purged.isEmpty());
    }

    @Test
    void theAnsweringNodeAndABlankNameAreRefused() {
        assertEquals(AdminException.Kind.INVALID_ARGUMENT,
                assertThrows(AdminException.class, () -> admin.remove("node1", true)).kind());
        assertEquals(AdminException.Kind.INVALID_ARGUMENT,
                assertThrows(AdminException.class, () -> admin.remove(" ", false)).kind());
    }
}

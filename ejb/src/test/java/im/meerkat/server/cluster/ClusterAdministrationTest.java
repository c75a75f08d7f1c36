package im.meerkat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.admin.AdminException;
import im.meerkat.server.admin.ClusterNodeSummary;
import im.meerkat.server.routing.FakeChannel;
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
    private final ClusterAdministration admin = new ClusterAdministration(cluster, f.registry);

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

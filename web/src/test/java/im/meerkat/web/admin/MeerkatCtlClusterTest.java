package im.meerkat.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.admin.ClusterSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meerkatctl join-cluster} and {@code leave-cluster} against the real API resources of
 * two nodes (fake services behind them): the settings travel from the node to join to this
 * node, nothing changes without a yes or {@code -f}, and refusals reach the user as worded.
 */
class MeerkatCtlClusterTest {

    @TempDir
    Path home;

    private FakeAdminService self;
    private FakeAdminService other;
    private HttpBridge selfBridge;
    private HttpBridge otherBridge;

    @BeforeEach
    void start() throws Exception {
        self = new FakeAdminService("localhost");
        other = new FakeAdminService("localhost");
        other.settings = new ClusterSettings("node2", "production", "static", "10.0.0.2[7600]",
                "jdbc:postgresql://db/meerkat", List.of("node2", "node3"));
        selfBridge = new ApiHarness(self).serve();
        otherBridge = new ApiHarness(other).serve();
        Ctl.writeNode(home, 1, selfBridge.url(), "admin", "admin-secret");
        Ctl.writeNode(home, 2, otherBridge.url(), "admin", "other-secret");
    }

    @AfterEach
    void stop() {
        selfBridge.close();
        otherBridge.close();
    }

    private Ctl.Result ctl(String input, String... args) {
        return Ctl.runWithInput(Map.of(), home, input, args);
    }

    @Test
    void joinClusterTakesTheOtherNodesSettingsAfterAYes() {
        Ctl.Result joined = ctl("y\n", "join-cluster", "node2");
        assertEquals(0, joined.exit(), joined.toString());
        assertTrue(joined.err().contains("joins cluster production of node2"), joined.err());
        assertTrue(joined.err().contains("disconnects its 2 client sessions"), joined.err());
        assertTrue(joined.err().contains("Continue? [y/N]"), joined.err());
        assertEquals("node1 is joining cluster production of node2; its clustering restarts now"
                + " (check with cluster-status)\n", joined.out());
        assertEquals(other.settings, self.joined);
    }

    @Test
    void joinClusterChangesNothingWithoutAYes() {
        Ctl.Result no = ctl("n\n", "join-cluster", "node2");
        assertEquals(1, no.exit(), no.toString());
        assertTrue(no.err().endsWith("meerkatctl: aborted; nothing changed\n"), no.err());
        Ctl.Result eof = ctl("", "join-cluster", "node2");
        assertEquals(1, eof.exit(), eof.toString());
        assertTrue(eof.err().contains("give -f"), eof.err());
        assertNull(self.joined);
    }

    @Test
    void joinClusterWithForceDoesNotAsk() {
        Ctl.Result joined = ctl("", "join-cluster", "node2", "-f");
        assertEquals(0, joined.exit(), joined.toString());
        assertFalse(joined.err().contains("Continue?"), joined.err());
        assertEquals(other.settings, self.joined);
    }

    @Test
    void joinClusterReachesANodeByItsUrlWithThisNodesCredentials() {
        Ctl.Result joined = ctl("", "join-cluster", otherBridge.url(), "-f");
        assertEquals(0, joined.exit(), joined.toString());
        assertEquals(other.settings, self.joined);
    }

    @Test
    void joinClusterRefusesAnUnknownNodeItselfAndBadArguments() {
        Ctl.Result unknown = ctl("", "join-cluster", "node9", "-f");
        assertEquals(1, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().startsWith("meerkatctl: unknown node node9: "), unknown.err());

        Ctl.Result itself = ctl("", "join-cluster", "node1", "-f");
        assertEquals(1, itself.exit(), itself.toString());
        assertEquals("meerkatctl: node1 is this node: a node cannot join itself\n", itself.err());

        Ctl.Result garbage = ctl("", "join-cluster", "not a node", "-f");
        assertEquals(2, garbage.exit(), garbage.toString());
        Ctl.Result option = ctl("", "join-cluster", "node2", "-x");
        assertEquals(2, option.exit(), option.toString());
        assertNull(self.joined);
    }

    @Test
    void leaveClusterIsRefusedAloneAndNamesTheNodeItsClientsGoTo() {
        Ctl.Result alone = ctl("", "leave-cluster", "-f");
        assertEquals(1, alone.exit(), alone.toString());
        assertEquals("meerkatctl: node1 is not in a cluster with other nodes\n", alone.err());

        self.settings = new ClusterSettings("node1", "meerkat", "jdbc", null,
                "jdbc:postgresql://db/meerkat", List.of("node1", "node2"));
        Ctl.Result no = ctl("no\n", "leave-cluster");
        assertEquals(1, no.exit(), no.toString());
        assertTrue(no.err().contains("told to reconnect to 127.0.0.1:5322"), no.err());
        assertFalse(self.left);

        Ctl.Result left = ctl("yes\n", "leave-cluster");
        assertEquals(0, left.exit(), left.toString());
        assertEquals("node1 left cluster meerkat; its clients were sent to 127.0.0.1:5322;"
                + " it restarts alone in cluster meerkat-node1-0a0b0c0d\n", left.out());
        assertTrue(self.left);
    }
}

package im.meerkat.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file join-cluster and leave-cluster leave for bin/meerkat: plain {@code key=value} lines
 * a shell reads without evaluating, so values that would need quoting are refused.
 */
class ClusterSettingsFileTest {

    @TempDir
    Path dir;

    @Test
    void writesOneKeyPerLineAfterAComment() throws Exception {
        Path file = ClusterSettingsFile.in(dir);
        new ClusterSettingsFile("meerkat-node2-0a1b2c3d", "static", "127.0.0.1[7700]").write(file);
        List<String> lines = Files.readAllLines(file).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of("name=meerkat-node2-0a1b2c3d", "discovery=static",
                "hosts=127.0.0.1[7700]"), lines);
        assertFalse(Files.exists(dir.resolve("cluster.properties.new")));
    }

    @Test
    void withoutAMemberListThereIsNoHostsLine() throws Exception {
        Path file = ClusterSettingsFile.in(dir);
        new ClusterSettingsFile("production", "jdbc", null).write(file);
        assertFalse(Files.readString(file).contains("hosts="));
    }

    @Test
    void refusesWhatAShellWouldInterpretOrJGroupsWouldNotTake() {
        assertThrows(IllegalArgumentException.class,
                () -> new ClusterSettingsFile("a$(reboot)", "jdbc", null));
        assertThrows(IllegalArgumentException.class,
                () -> new ClusterSettingsFile("name with spaces", "jdbc", null));
        assertThrows(IllegalArgumentException.class,
                () -> new ClusterSettingsFile("meerkat", "multicast", null));
        assertThrows(IllegalArgumentException.class,
                () -> new ClusterSettingsFile("meerkat", "static", "10.0.0.1[7600];rm"));
        assertThrows(IllegalArgumentException.class,
                () -> new ClusterSettingsFile("meerkat", "static", "a\nname=other"));
    }

    @Test
    void setsTheSystemPropertiesTheClusteringSubsystemReads() {
        String name = System.getProperty("meerkat.cluster.name");
        String hosts = System.getProperty("meerkat.cluster.hosts");
        try {
            new ClusterSettingsFile("production", "jdbc", null).applyToSystemProperties();
            assertEquals("production", System.getProperty("meerkat.cluster.name"));
            assertEquals(ClusterSettingsFile.JDBC_SELECT,
                    System.getProperty("meerkat.cluster.jdbc-select"));
            new ClusterSettingsFile("alone", "static", "127.0.0.1[7700]").applyToSystemProperties();
            assertEquals("127.0.0.1[7700]", System.getProperty("meerkat.cluster.hosts"));
            assertEquals(null, System.getProperty("meerkat.cluster.jdbc-select"));
        } finally {
            restore("meerkat.cluster.name", name);
            restore("meerkat.cluster.hosts", hosts);
            System.clearProperty("meerkat.cluster.jdbc-select");
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}

package im.meerkat.server.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * The cluster settings join-cluster and leave-cluster leave for the next start of the node:
 * {@code cluster.properties} in the node's directory ({@code jboss.server.base.dir}, which is
 * {@code var/nodeN} under bin/meerkat). The launcher reads it at every start and lets it override
 * {@code MEERKAT_CLUSTER_NAME}, {@code MEERKAT_CLUSTER_DISCOVERY} and {@code MEERKAT_CLUSTER_HOSTS}
 * (docs/CLUSTER.md). The file is plain {@code key=value} lines that a shell reads without
 * evaluating them, so values are restricted to characters that need no quoting.
 *
 * @param name      the cluster name
 * @param discovery {@code jdbc} or {@code static}
 * @param hosts     the TCPPING members, {@code host[port],...}
 */
public record ClusterSettingsFile(String name, String discovery, String hosts) {

    public static final String FILE_NAME = "cluster.properties";
    /** The query the launcher sets for MEERKAT_CLUSTER_DISCOVERY=jdbc (bin/meerkat). */
    static final String JDBC_SELECT =
            "SELECT ping_data, own_addr, cluster_name FROM JGROUPSPING WHERE cluster_name=?";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern HOSTS = Pattern.compile("[A-Za-z0-9.:\\[\\],_-]{1,1000}");

    public ClusterSettingsFile {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad cluster name '" + name
                    + "' (letters, digits, '.', '_', '-'; at most 100)");
        }
        if (!"jdbc".equals(discovery) && !"static".equals(discovery)) {
            throw new IllegalArgumentException("discovery must be jdbc or static, not '"
                    + discovery + "'");
        }
        if (hosts != null && !HOSTS.matcher(hosts).matches()) {
            throw new IllegalArgumentException("bad member list '" + hosts
                    + "' (host[port],...)");
        }
    }

    /** The file in a node's directory. */
    public static Path in(Path nodeDir) {
        return nodeDir.resolve(FILE_NAME);
    }

    /** Writes the file in one step (a temporary file moved over the old one). */
    public void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("# Written by join-cluster / leave-cluster (docs/CLUSTER.md). bin/meerkat reads\n")
                .append("# it at every start; it overrides MEERKAT_CLUSTER_NAME, MEERKAT_CLUSTER_DISCOVERY\n")
                .append("# and MEERKAT_CLUSTER_HOSTS. Delete it to use those variables again.\n")
                .append("name=").append(name).append('\n')
                .append("discovery=").append(discovery).append('\n');
        if (hosts != null) {
            text.append("hosts=").append(hosts).append('\n');
        }
        Path temporary = file.resolveSibling(FILE_NAME + ".new");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Sets the system properties the clustering subsystem reads (wildfly-config/cli), as the
     * launcher would set them at the next start, so that a reload of the server uses them.
     */
    public void applyToSystemProperties() {
        System.setProperty("meerkat.cluster.name", name);
        if (hosts != null) {
            System.setProperty("meerkat.cluster.hosts", hosts);
        }
        if ("jdbc".equals(discovery)) {
            System.setProperty("meerkat.cluster.jdbc-select", JDBC_SELECT);
        } else {
            System.clearProperty("meerkat.cluster.jdbc-select");
        }
    }
}

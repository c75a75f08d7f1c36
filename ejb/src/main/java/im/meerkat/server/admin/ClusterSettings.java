package im.meerkat.server.admin;

import java.io.Serializable;
import java.util.List;

/**
 * What a node tells a node that wants to join its cluster (docs/CLUSTER.md, join-cluster).
 *
 * @param node      the answering node's name
 * @param cluster   the cluster name ({@code MEERKAT_CLUSTER_NAME})
 * @param discovery {@code jdbc} (JDBC_PING on the shared database) or {@code static} (TCPPING)
 * @param hosts     the TCPPING member list, {@code host[port],...}
 * @param database  the JDBC URL of the node's database, which every member must share
 * @param members   the current members, in view order
 */
public record ClusterSettings(String node, String cluster, String discovery, String hosts,
        String database, List<String> members) implements Serializable {

    public ClusterSettings {
        members = members == null ? List.of() : List.copyOf(members);
    }
}

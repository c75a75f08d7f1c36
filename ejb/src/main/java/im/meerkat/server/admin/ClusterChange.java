package im.meerkat.server.admin;

import java.io.Serializable;

/**
 * A join-cluster or leave-cluster, checked (and then possibly not applied yet) or applied; or
 * the drain of a node that is about to stop, which stays in its cluster.
 *
 * @param node        the node that changes cluster
 * @param fromCluster its cluster name before
 * @param toCluster   its cluster name after the restart of its clustering
 * @param sessions    its client sessions, which the change ends
 * @param redirect    for leave-cluster and a drain, the {@code host:port} its TCP clients are sent to
 *                    ({@code <see-other-host/>}), or null when no other node answered
 * @param applied     false for a dry run (only checked), true when the restart is under way
 */
public record ClusterChange(String node, String fromCluster, String toCluster, int sessions,
        String redirect, boolean applied) implements Serializable {
}

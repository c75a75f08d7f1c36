package im.meerkat.server.admin;

import java.io.Serializable;

/**
 * One running node of the cluster as {@code cluster-status} shows it.
 *
 * @param name          the node's name ({@code jboss.node.name}, {@code nodeN} with bin/meerkat)
 * @param address       the node's XMPP client address {@code host:port}, or {@code ?} when it did
 *                      not answer
 * @param sessions      the sessions the table holds for it
 * @param uptimeSeconds how long its JVM has run, or -1 when it did not answer
 * @param local         whether this is the node that answered the request
 * @param coordinator   whether the node coordinates the cluster view
 */
public record ClusterNodeSummary(String name, String address, int sessions, long uptimeSeconds,
        boolean local, boolean coordinator) implements Serializable {
}

package im.meerkat.server.admin;

import java.io.Serializable;

/**
 * A node outside the cluster view that the cluster still knows, as {@code cluster-status} shows
 * it: one that did not stop cleanly (crashed, killed, or cut off by a partition) and whose row
 * the database keeps, or whose sessions' records the table still holds.
 *
 * @param name               the node's name
 * @param sessions           the session records the table holds for it
 * @param address            its XMPP client address {@code host:port} from its row, or null
 * @param lastSeenSecondsAgo seconds since the node last wrote its row (it does every 10 s while
 *                           it runs), or -1 when it has none
 */
public record ClusterAbsentNode(String name, int sessions, String address, long lastSeenSecondsAgo)
        implements Serializable {
}

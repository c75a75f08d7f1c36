package im.meerkat.server.admin;

import java.io.Serializable;
import java.time.Instant;

/**
 * One session as administrators see it.
 *
 * @param jid       the full JID
 * @param node      the cluster node that holds the connection ({@code jboss.node.name})
 * @param transport {@code tcp}, {@code websocket} or {@code bosh}
 * @param address   the client's IP address and port
 * @param since     when the resource was bound
 * @param priority  the priority of the last available presence, 0 before any
 * @param available whether the session has sent available presence
 */
public record SessionSummary(String jid, String node, String transport, String address,
        Instant since, int priority, boolean available) implements Serializable {
}

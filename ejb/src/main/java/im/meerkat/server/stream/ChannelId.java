package im.meerkat.server.stream;

import java.io.Serializable;
import java.util.Objects;

/**
 * Names one client stream in the whole cluster: the node that holds it and an id unique on that
 * node (a connector {@code ConnectionId}, a WebSocket session id, a BOSH sid). Session table
 * entries carry it, so a node can tell its own streams from another node's.
 */
public record ChannelId(String node, String local) implements Serializable {

    public ChannelId {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(local, "local");
    }

    @Override
    public String toString() {
        return node + "/" + local;
    }
}

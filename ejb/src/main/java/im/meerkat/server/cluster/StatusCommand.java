package im.meerkat.server.cluster;

import java.io.Serializable;
import org.wildfly.clustering.server.dispatcher.Command;

/** Asks a node for its address and uptime, for {@code cluster-status}. */
public record StatusCommand() implements Command<String, NodeCommands, RuntimeException>,
        Serializable {

    @Override
    public String execute(NodeCommands node) {
        return node.status();
    }
}

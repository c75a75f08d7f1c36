package im.meerkat.web.bosh;

import java.io.Serializable;
import org.wildfly.clustering.server.dispatcher.Command;

/** Asks a node for the URL of its BOSH endpoint, where requests of its sessions are forwarded. */
record EndpointCommand() implements Command<String, BoshEndpoint, RuntimeException>, Serializable {

    @Override
    public String execute(BoshEndpoint endpoint) {
        return endpoint.url();
    }
}

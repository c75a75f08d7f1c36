package im.meerkat.web.bosh;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Passes a BOSH request on to the node that holds its session and relays that node's answer. The
 * owner handles the request as any other (rid window, hold, wait), so the ordering and the long
 * poll stay its business; this node only proxies the HTTP request, without blocking a thread
 * while the owner holds it. A forwarded request carries {@link #HEADER}, and a request carrying
 * it is never forwarded again, so a stale sid cannot loop between nodes.
 */
@ApplicationScoped
public class BoshForwarder {

    /** Marks a request that one node forwarded to another; its value is the forwarding node. */
    static final String HEADER = "Meerkat-Bosh-Forwarded";
    /** Beyond the longest wait, how long the owner may take before the request counts as lost. */
    private static final Duration MARGIN = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(BoshForwarder.class.getName());

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String node = System.getProperty("jboss.node.name", "local");

    @Inject
    private BoshSettings settings;

    /** For the container. */
    public BoshForwarder() {
    }

    /** Sends the body to the owner's endpoint; its answer, or {@code item-not-found}, goes to the exchange. */
    void forward(URI owner, byte[] body, AsyncExchange exchange) {
        HttpRequest request = HttpRequest.newBuilder(owner)
                .timeout(settings.maxWait().plus(MARGIN))
                .header("Content-Type", AsyncExchange.CONTENT_TYPE)
                .header(HEADER, node)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
            if (failure != null) {
                // XEP-0124 §17.2: the session cannot be reached; the client starts a new one
                LOG.log(Level.FINE, "forwarding a BOSH request to " + owner + " failed", failure);
                exchange.respond(BoshBodies.terminate(BoshCondition.ITEM_NOT_FOUND, List.of()));
            } else {
                exchange.relay(response.statusCode(), response.body());
            }
        });
    }
}

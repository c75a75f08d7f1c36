package im.meerkat.web.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.jboss.resteasy.mock.MockHttpRequest;
import org.jboss.resteasy.mock.MockHttpResponse;
import org.jboss.resteasy.spi.Dispatcher;

/**
 * Serves an {@link ApiHarness} over real HTTP on an ephemeral loopback port, so that
 * {@code bin/meerkatctl} can be run against the actual resources: the two sides of the API are
 * checked against each other rather than each against a description of it.
 */
final class HttpBridge implements AutoCloseable {

    private final HttpServer server;
    private final Dispatcher dispatcher;

    HttpBridge(Dispatcher dispatcher) throws IOException {
        this.dispatcher = dispatcher;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::handle);
        server.start();
    }

    /** The server's root URL; the API is under {@code /api}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI base = URI.create(url() + "/api/");
        MockHttpRequest request = MockHttpRequest.create(exchange.getRequestMethod(),
                URI.create(url() + exchange.getRequestURI().toString()), base);
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            header.getValue().forEach(value -> request.header(header.getKey(), value));
        }
        request.content(exchange.getRequestBody().readAllBytes());
        MockHttpResponse response = new MockHttpResponse();
        dispatcher.invoke(request, response);

        response.getOutputHeaders().forEach((name, values) -> values.forEach(
                value -> exchange.getResponseHeaders().add(name, String.valueOf(value))));
        byte[] body = response.getOutput();
        exchange.sendResponseHeaders(response.getStatus(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

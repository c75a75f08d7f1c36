package im.meerkat.web.admin;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.mock.MockDispatcherFactory;
import org.jboss.resteasy.mock.MockHttpRequest;
import org.jboss.resteasy.mock.MockHttpResponse;
import org.jboss.resteasy.spi.Dispatcher;

/**
 * The admin API as WildFly runs it (RESTEasy, Yasson, Parsson, with the application's
 * providers) but without a container: requests go straight to RESTEasy's dispatcher, the
 * resources talk to a {@link FakeAdminService}. The web tier's security constraint is not part
 * of it.
 */
final class ApiHarness {

    static final URI BASE = URI.create("http://127.0.0.1:8080/api/");

    /** A response as a client sees it. */
    record Reply(int status, MultivaluedMap<String, Object> headers, String body) {

        String header(String name) {
            Object value = headers.getFirst(name);
            return value == null ? null : value.toString();
        }

        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    final FakeAdminService admin;
    private final Dispatcher dispatcher;

    ApiHarness(FakeAdminService admin) {
        this.admin = admin;
        dispatcher = MockDispatcherFactory.createDispatcher();
        dispatcher.getRegistry().addSingletonResource(new DomainsResource(admin));
        dispatcher.getRegistry().addSingletonResource(new UsersResource(admin));
        dispatcher.getRegistry().addSingletonResource(new SessionsResource(admin));
        dispatcher.getRegistry().addSingletonResource(new ClusterResource(admin));
        AdminApplication.PROVIDERS.forEach(dispatcher.getProviderFactory()::registerProvider);
    }

    /** Serves this API over HTTP until the bridge is closed. */
    HttpBridge serve() throws IOException {
        return new HttpBridge(dispatcher);
    }

    Reply get(String path) {
        return call("GET", path, null, null);
    }

    Reply delete(String path) {
        return call("DELETE", path, null, null);
    }

    Reply send(String method, String path, String json) {
        return call(method, path, "application/json", json);
    }

    /**
     * @param path        below {@code /api/}, encoded as on the wire
     * @param contentType the body's type, or null for a request without a body
     */
    Reply call(String method, String path, String contentType, String body) {
        MockHttpRequest request = MockHttpRequest.create(method, BASE.resolve(path), BASE);
        request.accept("application/json");
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (body != null) {
            request.content(body.getBytes(StandardCharsets.UTF_8));
        }
        MockHttpResponse response = new MockHttpResponse();
        dispatcher.invoke(request, response);
        try {
            return new Reply(response.getStatus(), response.getOutputHeaders(),
                    response.getContentAsString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

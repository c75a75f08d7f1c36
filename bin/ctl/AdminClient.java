import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Calls the admin REST API and turns every answer that is not a success into a CtlException. */
final class AdminClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Target target;
    private final Operator operator;
    private final HttpClient http;

    AdminClient(Target target, Operator operator) {
        this.target = target;
        this.operator = operator;
        // HTTP/1.1: no h2c upgrade attempt on plain http, which proxies handle badly.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** Other nodes and the person at the terminal, for the commands that need them. */
    Operator operator() {
        return operator;
    }

    /**
     * Sends a request and returns the parsed JSON answer (null when it has none).
     *
     * @param path     under {@code /api}, already encoded
     * @param json     the request body, or null for none
     * @param expected the success status of this request
     */
    Object send(String method, String path, String json, int expected) throws CtlException {
        String credentials = target.user() + ":" + target.password();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.api() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", "meerkatctl")
                // Sent up front: the API only ever answers 401 to a request without it.
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw notRunning();
        } catch (HttpTimeoutException e) {
            throw CtlException.of(MeerkatCtl.UNREACHABLE, target.description()
                    + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s at "
                    + target.url());
        } catch (IOException e) {
            throw CtlException.of(MeerkatCtl.UNREACHABLE, "the connection to "
                    + target.description() + " at " + target.url() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CtlException.of(MeerkatCtl.FAILED, "interrupted");
        }
        return answer(response, expected);
    }

    private CtlException notRunning() {
        return CtlException.of(MeerkatCtl.UNREACHABLE, target.description()
                + " is not running (no answer at " + target.url() + ")");
    }

    private Object answer(HttpResponse<String> response, int expected) throws CtlException {
        int status = response.statusCode();
        Object body = parse(response);
        if (status == expected) {
            return body;
        }
        String message = body == null ? null : Json.field(body, "message", null);
        if (status == 401) {
            throw CtlException.of(MeerkatCtl.AUTH, "authentication failed for user '"
                    + target.user() + "' at " + target.url() + " (check the credentials in "
                    + target.source() + ")");
        }
        if (status == 403) {
            throw CtlException.of(MeerkatCtl.AUTH, "user '" + target.user()
                    + "' is not an administrator at " + target.url()
                    + " (it needs the role meerkat-admin)");
        }
        if (message == null) {
            throw CtlException.of(MeerkatCtl.FAILED, "unexpected answer from " + target.url()
                    + ": HTTP " + status + (status == 404
                    ? " (is Meerkat deployed there? its admin API is at /api)" : ""));
        }
        if (status >= 400 && status < 500) {
            throw CtlException.of(MeerkatCtl.REFUSED, message);
        }
        throw CtlException.of(MeerkatCtl.FAILED, "the server failed: " + message
                + " (HTTP " + status + ")");
    }

    /** The answer's JSON, or null when it has none or is not JSON (an HTML error page). */
    private static Object parse(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json") || response.body().isBlank()) {
            return null;
        }
        try {
            return Json.parse(response.body());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

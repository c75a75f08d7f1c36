package im.meerkat.testsuite.harness;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node's admin REST API (docs/ADMIN.md), with the credentials the launcher wrote to
 * {@code nodeN/meerkatctl.properties}. The suite creates its accounts here: one HTTP request is
 * much faster than starting {@code meerkatctl}, whose own behaviour MeerkatctlIT checks.
 */
public final class AdminApi {

    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern JID = Pattern.compile("\"jid\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern SESSIONS = Pattern.compile("\"sessions\"\\s*:\\s*(\\d+)");
    private static final Pattern FLAT_OBJECT = Pattern.compile("\\{[^{}]*\\}");
    private static final Pattern JID_NODE = Pattern.compile(
            "\"jid\"\\s*:\\s*\"([^\"]*)\"\\s*,\\s*\"node\"\\s*:\\s*\"([^\"]*)\"");

    private final URI api;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private AdminApi(URI api, String user, String password) {
        this.api = api;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the URL and credentials of a node set up by {@code bin/meerkat}. */
    public static AdminApi of(Path nodeDir) {
        Path file = nodeDir.resolve("meerkatctl.properties");
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e, e);
        }
        String url = properties.getProperty("url", "").replaceAll("/+$", "");
        return new AdminApi(URI.create(url + "/api"), properties.getProperty("user"),
                properties.getProperty("password"));
    }

    /** Creates an account; fails unless the API answers 201. */
    public void register(String user, String domain, String password) {
        String body = "{\"user\":" + quote(user) + ",\"password\":" + quote(password) + "}";
        expect(send("POST", "/users/" + encode(domain), body), 201);
    }

    public void unregister(String user, String domain) {
        expect(send("DELETE", "/users/" + encode(domain) + "/" + encode(user), null), 204);
    }

    /** The full JIDs of all sessions, as {@code GET /api/sessions} lists them. */
    public List<String> sessionJids() {
        HttpResponse<String> response = expect(send("GET", "/sessions", null), 200);
        List<String> jids = new ArrayList<>();
        Matcher matcher = JID.matcher(response.body());
        while (matcher.find()) {
            jids.add(matcher.group(1));
        }
        return jids;
    }

    /**
     * The node of each session as {@code GET /api/sessions} lists them: one {@code jid node} line
     * per session, so that a full JID held twice shows twice.
     */
    public List<String> sessionsWithNodes() {
        HttpResponse<String> response = expect(send("GET", "/sessions", null), 200);
        List<String> lines = new ArrayList<>();
        Matcher matcher = JID_NODE.matcher(response.body());
        while (matcher.find()) {
            lines.add(matcher.group(1) + " " + matcher.group(2));
        }
        return lines;
    }

    /**
     * The running nodes {@code GET /api/cluster} lists, in view order; empty while the node does
     * not answer (it may be restarting).
     */
    public List<String> clusterNodes() {
        HttpResponse<String> response;
        try {
            response = send("GET", "/cluster", null);
        } catch (RuntimeException e) {
            return List.of();
        }
        if (response.statusCode() != 200) {
            return List.of();
        }
        // The "nodes" array holds flat objects: it ends at the first ']' after its name
        String body = response.body();
        int nodes = body.indexOf("\"nodes\"");
        if (nodes < 0) {
            return List.of();
        }
        int end = body.indexOf(']', nodes);
        Matcher matcher = NAME.matcher(body.substring(nodes, end < 0 ? body.length() : end));
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * The session count of every node {@code GET /api/cluster} lists, running ({@code nodes}) or
     * not ({@code absent}), by node name.
     */
    public Map<String, Integer> clusterSessions() {
        String body = expect(send("GET", "/cluster", null), 200).body();
        Map<String, Integer> sessions = new LinkedHashMap<>();
        Matcher node = FLAT_OBJECT.matcher(body);
        while (node.find()) {
            Matcher name = NAME.matcher(node.group());
            Matcher count = SESSIONS.matcher(node.group());
            if (name.find() && count.find()) {
                sessions.put(name.group(1), Integer.parseInt(count.group(1)));
            }
        }
        return sessions;
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", authorization);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + api + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " "
                    + response.request().uri() + " answered " + response.statusCode()
                    + " instead of " + status + ": " + response.body());
        }
        return response;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("%40", "@");
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

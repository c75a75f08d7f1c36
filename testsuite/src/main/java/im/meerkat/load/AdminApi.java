package im.meerkat.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Creates the accounts a run needs through the admin REST API (docs/ADMIN.md). */
final class AdminApi {

    /** For servers without Meerkat's API: creates nothing, lists no sessions (-1). */
    static final AdminApi NONE = new AdminApi(null, "", "", false);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String url;
    private final String authorization;
    private final boolean create;

    /** @param create false when the accounts exist already ({@code --create-accounts false}) */
    AdminApi(String url, String user, String password, boolean create) {
        this.create = create;
        String base = url == null ? "" : url.replaceAll("/+$", "");
        // meerkatctl.properties names the server; the API lives under /api (docs/ADMIN.md)
        this.url = base.endsWith("/api") ? base : base + "/api";
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Registers the account; one that already exists is fine (the password is the run's own). */
    void ensureUser(String domain, String user, String password) throws IOException {
        if (!create) {
            return;
        }
        String body = "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/users/" + domain))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 409) {
            return;
        }
        if (response.statusCode() != 201) {
            throw new IOException("creating " + user + "@" + domain + ": HTTP " + response.statusCode()
                    + " " + response.body());
        }
    }

    /** How many sessions the server lists (all nodes). */
    int sessionCount() throws IOException {
        if (this == NONE) {
            return -1;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/sessions"))
                .header("Authorization", authorization)
                .GET()
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IOException("listing sessions: HTTP " + response.statusCode());
        }
        int count = 0;
        for (int i = response.body().indexOf("\"jid\""); i >= 0; i = response.body().indexOf("\"jid\"", i + 1)) {
            count++;
        }
        return count;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

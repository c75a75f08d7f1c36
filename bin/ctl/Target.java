import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where and as whom to connect: {@code ${MEERKAT_VAR:-HOME/var}/nodeN/meerkatctl.properties}
 * (keys {@code url}, {@code user}, {@code password}, written by bin/meerkat), each overridden by
 * {@code MEERKAT_ADMIN_URL}, {@code MEERKAT_ADMIN_USER}, {@code MEERKAT_ADMIN_PASSWORD}.
 *
 * @param description how to name the server in messages: "node N" or the URL's server
 * @param source      where the credentials came from, for the message when they are refused
 */
record Target(String description, URI api, String user, String password, String source) {

    static Target resolve(int node, Map<String, String> env, Path home) throws CtlException {
        Path varDir = env.containsKey("MEERKAT_VAR")
                ? Path.of(env.get("MEERKAT_VAR")) : home.resolve("var");
        Path file = varDir.resolve("node" + node).resolve("meerkatctl.properties");
        Properties properties = new Properties();
        boolean fromFile;
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            fromFile = true;
        } catch (NoSuchFileException e) {
            fromFile = false;
        } catch (IOException | IllegalArgumentException e) {
            throw CtlException.of(MeerkatCtl.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
        String url = setting(env, "MEERKAT_ADMIN_URL", properties, "url");
        if (url == null) {
            throw CtlException.of(MeerkatCtl.UNREACHABLE, "node " + node + " is not set up: "
                    + file + " does not exist (bin/meerkat start --node " + node + " creates it;"
                    + " for another server set MEERKAT_ADMIN_URL, MEERKAT_ADMIN_USER and"
                    + " MEERKAT_ADMIN_PASSWORD)");
        }
        String where = fromFile ? file.toString() : "the environment";
        String user = setting(env, "MEERKAT_ADMIN_USER", properties, "user");
        String password = setting(env, "MEERKAT_ADMIN_PASSWORD", properties, "password");
        if (user == null || password == null) {
            throw CtlException.of(MeerkatCtl.USAGE, "no administrator "
                    + (user == null ? "user" : "password") + ": set "
                    + (user == null ? "user" : "password") + " in " + file + " or "
                    + (user == null ? "MEERKAT_ADMIN_USER" : "MEERKAT_ADMIN_PASSWORD"));
        }
        String description = env.containsKey("MEERKAT_ADMIN_URL") ? "the server" : "node " + node;
        String source = env.containsKey("MEERKAT_ADMIN_USER")
                || env.containsKey("MEERKAT_ADMIN_PASSWORD")
                ? "MEERKAT_ADMIN_USER / MEERKAT_ADMIN_PASSWORD" : where;
        return new Target(description, apiOf(url), user, password, source);
    }

    private static String setting(Map<String, String> env, String variable,
            Properties properties, String key) {
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            value = properties.getProperty(key);
        }
        return value == null || value.isEmpty() ? null : value.trim();
    }

    /** The API's base: the server URL (the WAR is at its root) with {@code /api}. */
    private static URI apiOf(String url) throws CtlException {
        try {
            URI uri = new URI(url.replaceAll("/+$", ""));
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw CtlException.of(MeerkatCtl.USAGE,
                        "the admin URL must be http:// or https:// with a host, not '" + url + "'");
            }
            return uri.getPath().endsWith("/api") ? uri : new URI(uri + "/api");
        } catch (URISyntaxException e) {
            throw CtlException.of(MeerkatCtl.USAGE, "bad admin URL '" + url + "': "
                    + e.getMessage());
        }
    }

    /** The server's root URL, as the user knows it. */
    String url() {
        String text = api.toString();
        return text.substring(0, text.length() - "/api".length());
    }
}

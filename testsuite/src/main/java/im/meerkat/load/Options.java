package im.meerkat.load;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Command-line options of the load tools: {@code --name value} pairs. {@code --node N} points the
 * tool at a node started by {@code bin/meerkat start --node N} on this machine (ports shifted by
 * 100·(N−1), admin credentials from {@code var/nodeN/meerkatctl.properties}); {@code --host},
 * {@code --port} and {@code --domain} point it at any XMPP server.
 */
final class Options {

    private final Map<String, String> values = new LinkedHashMap<>();

    Options(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The options as {@code --name value} arguments, with {@code changes} applied (a null value drops one). */
    List<String> arguments(Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        changes.forEach((name, value) -> {
            if (value == null) {
                merged.remove(name);
            } else {
                merged.put(name, value);
            }
        });
        List<String> args = new ArrayList<>();
        merged.forEach((name, value) -> {
            args.add("--" + name);
            args.add(value);
        });
        return args;
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int number(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " wants a number, got " + value);
        }
    }

    int node() {
        return number("node", 1);
    }

    int offset() {
        return 100 * (node() - 1);
    }

    XmppClient.Target target() {
        return new XmppClient.Target(text("host", "127.0.0.1"), number("port", 5222 + offset()),
                text("domain", "localhost"), number("timeout-ms", 30_000));
    }

    /** The node's directory, where the launcher keeps its files. */
    Path nodeDirectory() {
        String var = System.getenv().getOrDefault("MEERKAT_VAR", "var");
        return Path.of(text("var", var)).resolve("node" + node());
    }

    AdminApi adminApi() throws IOException {
        Properties props = new Properties();
        Path file = nodeDirectory().resolve("meerkatctl.properties");
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            }
        }
        String url = text("admin-url", props.getProperty("url"));
        boolean create = !text("create-accounts", "true").equals("false");
        if (url == null && !create) {
            return AdminApi.NONE; // another server, whose accounts were made with its own tools
        }
        if (url == null) {
            throw new IllegalArgumentException("no admin API: start the node with bin/meerkat or give --admin-url");
        }
        return new AdminApi(url, text("admin-user", props.getProperty("user")),
                text("admin-password", props.getProperty("password")), create);
    }
}

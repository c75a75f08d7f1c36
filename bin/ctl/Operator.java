import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a command may need besides its node's API: the API of another node, named as
 * {@code nodeN} (a node of this machine: its meerkatctl.properties), {@code host:port} or an
 * {@code http(s)://} URL (both with this node's credentials), and the operator's confirmation.
 */
final class Operator {

    private static final java.util.regex.Pattern NODE_NAME =
            java.util.regex.Pattern.compile("node([1-9][0-9]{0,2})");
    private static final java.util.regex.Pattern HOST_PORT =
            java.util.regex.Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}");

    private final Map<String, String> env;
    private final Path home;
    private final Target self;
    private final InputStream in;
    private final PrintStream err;

    Operator(Map<String, String> env, Path home, Target self, InputStream in, PrintStream err) {
        this.env = env;
        this.home = home;
        this.self = self;
        this.in = in;
        this.err = err;
    }

    /** The API of another node. */
    AdminClient node(String name) throws CtlException {
        java.util.regex.Matcher local = NODE_NAME.matcher(name);
        if (local.matches()) {
            Map<String, String> own = new java.util.HashMap<>(env);
            own.keySet().removeAll(List.of("MEERKAT_ADMIN_URL", "MEERKAT_ADMIN_USER",
                    "MEERKAT_ADMIN_PASSWORD"));
            try {
                return new AdminClient(Target.resolve(Integer.parseInt(local.group(1)), own, home),
                        this);
            } catch (CtlException e) {
                throw CtlException.of(MeerkatCtl.REFUSED, "unknown node " + name + ": "
                        + e.getMessage());
            }
        }
        String url;
        if (name.startsWith("http://") || name.startsWith("https://")) {
            url = name;
        } else if (HOST_PORT.matcher(name).matches()) {
            url = "http://" + name;
        } else {
            throw CtlException.usage("NODE must be nodeN (a node of this machine), host:port"
                    + " (its HTTP port) or an http(s):// URL, not '" + name + "'");
        }
        Map<String, String> other = Map.of("MEERKAT_ADMIN_URL", url,
                "MEERKAT_ADMIN_USER", self.user(), "MEERKAT_ADMIN_PASSWORD", self.password());
        return new AdminClient(Target.resolve(0, other, home), this);
    }

    /**
     * Shows what is about to happen and, unless {@code force}, asks to go on; anything but
     * {@code y} or {@code yes} (or no terminal input at all) aborts with nothing changed.
     */
    void confirm(boolean force, String warning) throws CtlException {
        err.println(warning);
        if (force) {
            return;
        }
        err.print("Continue? [y/N] ");
        err.flush();
        String answer;
        try {
            answer = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                    StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null) {
            err.println();
        }
        String yes = answer == null ? "" : answer.trim().toLowerCase(java.util.Locale.ROOT);
        if (!yes.equals("y") && !yes.equals("yes")) {
            throw CtlException.of(MeerkatCtl.REFUSED, "aborted; nothing changed"
                    + (answer == null ? " (no answer: give -f to go on without asking)" : ""));
        }
    }
}

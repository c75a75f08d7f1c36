package im.meerkat.web.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import im.meerkat.server.admin.AdminException;
import im.meerkat.server.admin.AdminException.Kind;
import im.meerkat.server.admin.AdminService;
import im.meerkat.server.admin.SessionSummary;

/**
 * An in-memory admin service that keeps the contract of {@link AdminService}: it refuses what
 * the real one refuses, with the same kinds, and changes nothing when it does.
 */
final class FakeAdminService implements AdminService {

    /** A kick as the service received it. */
    record Kick(String jid, String reason) {
    }

    private final Map<String, Map<String, String>> passwords = new TreeMap<>();
    private final List<SessionSummary> sessions = new ArrayList<>();
    final List<Kick> kicks = new ArrayList<>();
    private RuntimeException failure;

    FakeAdminService(String... domains) {
        for (String domain : domains) {
            passwords.put(domain, new TreeMap<>());
        }
    }

    /** Every later call throws this, as a service whose database is down would. */
    void failWith(RuntimeException e) {
        failure = e;
    }

    void addSession(SessionSummary session) {
        sessions.add(session);
        sessions.sort((a, b) -> a.jid().compareTo(b.jid()));
    }

    /** The stored password, or null if there is no such account. */
    String password(String user, String domain) {
        Map<String, String> users = passwords.get(domain);
        return users == null ? null : users.get(user);
    }

    @Override
    public void registerUser(String user, String domain, String password) throws AdminException {
        Map<String, String> users = served(domain);
        checkUser(user);
        checkPassword(password);
        if (users.containsKey(user)) {
            throw new AdminException(Kind.CONFLICT, "user " + user + "@" + domain
                    + " already exists");
        }
        users.put(user, password);
    }

    @Override
    public void unregisterUser(String user, String domain) throws AdminException {
        if (served(domain).remove(user) == null) {
            throw noSuchUser(user, domain);
        }
        sessions.removeIf(s -> s.jid().startsWith(user + "@" + domain + "/"));
    }

    @Override
    public void changePassword(String user, String domain, String newPassword)
            throws AdminException {
        Map<String, String> users = served(domain);
        if (!users.containsKey(user)) {
            throw noSuchUser(user, domain);
        }
        checkPassword(newPassword);
        users.put(user, newPassword);
    }

    @Override
    public List<String> listUsers(String domain) throws AdminException {
        return List.copyOf(new TreeSet<>(served(domain).keySet()));
    }

    @Override
    public List<SessionSummary> listSessions() {
        failIfAsked();
        return List.copyOf(sessions);
    }

    @Override
    public int kick(String jid, String reason) throws AdminException {
        failIfAsked();
        if (jid.indexOf('@') <= 0) {
            throw new AdminException(Kind.INVALID_ARGUMENT, "not a user JID: " + jid);
        }
        boolean bare = jid.indexOf('/') < 0;
        List<SessionSummary> ended = sessions.stream()
                .filter(s -> bare ? s.jid().startsWith(jid + "/") : s.jid().equals(jid))
                .toList();
        sessions.removeAll(ended);
        kicks.add(new Kick(jid, reason));
        return ended.size();
    }

    @Override
    public List<String> domains() {
        failIfAsked();
        return List.copyOf(passwords.keySet());
    }

    private Map<String, String> served(String domain) throws AdminException {
        failIfAsked();
        Map<String, String> users = passwords.get(domain);
        if (users == null) {
            throw new AdminException(Kind.INVALID_ARGUMENT, "this server does not serve "
                    + domain);
        }
        return users;
    }

    private static void checkUser(String user) throws AdminException {
        if (user.isEmpty() || user.contains("@") || user.contains("/")) {
            throw new AdminException(Kind.INVALID_ARGUMENT, "not a valid username: " + user);
        }
    }

    private static void checkPassword(String password) throws AdminException {
        if (password.isEmpty()) {
            throw new AdminException(Kind.INVALID_ARGUMENT, "the password is empty");
        }
    }

    private static AdminException noSuchUser(String user, String domain) {
        return new AdminException(Kind.NOT_FOUND, "no user " + user + "@" + domain);
    }

    private void failIfAsked() {
        if (failure != null) {
            throw failure;
        }
    }

    /** Nodes {@code clusterStatus} answers and {@code removeFromCluster} checks. */
    final List<im.meerkat.server.admin.ClusterNodeSummary> nodes = new ArrayList<>();
    /** Nodes that left but still have session records, with how many. */
    final Map<String, Integer> leftNodes = new java.util.HashMap<>();

    @Override
    public List<im.meerkat.server.admin.ClusterNodeSummary> clusterStatus() {
        return List.copyOf(nodes);
    }

    @Override
    public int removeFromCluster(String node, boolean force) throws AdminException {
        if (nodes.stream().anyMatch(n -> n.name().equals(node))) {
            if (!force) {
                throw new AdminException(AdminException.Kind.CONFLICT, node + " is running");
            }
            return 0;
        }
        Integer removed = leftNodes.remove(node);
        if (removed == null) {
            throw new AdminException(AdminException.Kind.NOT_FOUND, "no node " + node);
        }
        return removed;
    }

    @Override
    public List<im.meerkat.server.admin.ClusterAbsentNode> clusterAbsentNodes() {
        return new java.util.TreeMap<>(leftNodes).entrySet().stream()
                .map(e -> new im.meerkat.server.admin.ClusterAbsentNode(e.getKey(), e.getValue(),
                        null, -1))
                .toList();
    }

    /** What {@code clusterSettings} answers; {@code joined} is the last applied join. */
    im.meerkat.server.admin.ClusterSettings settings = new im.meerkat.server.admin.ClusterSettings(
            "node1", "meerkat", "jdbc", null, "jdbc:postgresql://db/meerkat", List.of("node1"));
    im.meerkat.server.admin.ClusterSettings joined;
    boolean left;

    @Override
    public im.meerkat.server.admin.ClusterSettings clusterSettings() {
        return settings;
    }

    @Override
    public im.meerkat.server.admin.ClusterChange joinCluster(
            im.meerkat.server.admin.ClusterSettings seed, boolean dryRun) throws AdminException {
        if (seed.node().equals(settings.node())) {
            throw new AdminException(AdminException.Kind.INVALID_ARGUMENT, seed.node()
                    + " is this node: a node cannot join itself");
        }
        if (seed.cluster().equals(settings.cluster())) {
            throw new AdminException(AdminException.Kind.CONFLICT, "already in the cluster");
        }
        if (!dryRun) {
            joined = seed;
        }
        return new im.meerkat.server.admin.ClusterChange(settings.node(), settings.cluster(),
                seed.cluster(), 2, null, !dryRun);
    }

    @Override
    public im.meerkat.server.admin.ClusterChange leaveCluster(boolean dryRun)
            throws AdminException {
        if (settings.members().size() <= 1) {
            throw new AdminException(AdminException.Kind.CONFLICT, settings.node()
                    + " is not in a cluster with other nodes");
        }
        left = left || !dryRun;
        return new im.meerkat.server.admin.ClusterChange(settings.node(), settings.cluster(),
                "meerkat-node1-0a0b0c0d", 3, "127.0.0.1:5322", !dryRun);
    }

    @Override
    public im.meerkat.server.admin.ClusterChange drainNode() {
        return new im.meerkat.server.admin.ClusterChange(settings.node(), settings.cluster(),
                settings.cluster(), 3, "127.0.0.1:5322", true);
    }
}

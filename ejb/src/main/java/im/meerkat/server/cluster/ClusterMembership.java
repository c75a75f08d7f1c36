package im.meerkat.server.cluster;

import im.meerkat.server.admin.AdminException;
import im.meerkat.server.admin.AdminException.Kind;
import im.meerkat.server.admin.ClusterChange;
import im.meerkat.server.admin.ClusterSettings;
import im.meerkat.server.config.Settings;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.stream.StreamService;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * join-cluster and leave-cluster (docs/CLUSTER.md), MongooseIM's verbs for a running node. Both
 * write the node's new cluster settings to {@link ClusterSettingsFile} (for every later start)
 * and into the system properties, then reload the server, whose clustering starts again under
 * the new settings; the node's client connections end on the way.
 *
 * <p>Leaving is graceful: before the reload, every client stream of this node ends with
 * {@code <see-other-host/>} naming another member's client address (RFC 6120 §4.9.3.19) on TCP,
 * {@code <system-shutdown/>} on the HTTP transports, and new streams get the same; the sessions
 * end normally (a resumable one once it has had its chance to be resumed on another member, as
 * in {@link #drain}), so their records leave the table and contacts get unavailable presence.
 * The node then comes back in a cluster of its own, under a name nobody else uses.
 */
@ApplicationScoped
public class ClusterMembership {

    private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());
    /** Time for the answer to the administrator to leave before the reload starts. */
    private static final long RELOAD_DELAY_MILLIS = 1000;
    /**
     * How long a drain or a leave waits for its resumable sessions to be resumed on another
     * member: clients told to reconnect do so at once, and the drain answers the launcher only
     * after this wait (bin/meerkat allows MEERKAT_DRAIN_TIMEOUT, 300 s, for the whole drain).
     */
    private static final int DEFAULT_MOVE_WAIT_SECONDS = 5;

    @Inject
    private ClusterService cluster;

    @Inject
    private SessionRegistry sessions;

    @EJB
    private StreamService streams;

    @Resource(lookup = "java:jboss/datasources/MeerkatDS")
    private DataSource database;

    private final ServerReload reload = new ServerReload();
    private final SecureRandom random = new SecureRandom();

    /** What a node that joins this node's cluster needs to know. */
    public ClusterSettings settings() {
        String discovery = System.getProperty("meerkat.cluster.jdbc-select", "").isBlank()
                ? "static" : "jdbc";
        return new ClusterSettings(cluster.node(), clusterName(), discovery,
                System.getProperty("meerkat.cluster.hosts", ownHosts()), databaseUrl(),
                cluster.members());
    }

    /**
     * Joins the cluster a member of which answered {@code seed}: refused for this node itself,
     * for a cluster this node is in already, for a cluster with a member of this node's name,
     * and for a cluster on another database.
     *
     * @param dryRun only check and describe the change
     */
    public ClusterChange join(ClusterSettings seed, boolean dryRun) throws AdminException {
        if (seed == null || seed.node() == null || seed.cluster() == null
                || seed.discovery() == null) {
            throw new AdminException(Kind.INVALID_ARGUMENT,
                    "the settings must name the node, the cluster and the discovery");
        }
        String node = cluster.node();
        String current = clusterName();
        if (seed.node().equals(node)) {
            throw new AdminException(Kind.INVALID_ARGUMENT, seed.node()
                    + " is this node: a node cannot join itself");
        }
        if (seed.cluster().equals(current) || cluster.members().contains(seed.node())) {
            throw new AdminException(Kind.CONFLICT, node + " is already in the cluster of "
                    + seed.node() + " (cluster " + current + ", members "
                    + String.join(", ", cluster.members()) + ")");
        }
        if (seed.members().contains(node)) {
            throw new AdminException(Kind.CONFLICT, "the cluster of " + seed.node()
                    + " already has a member named " + node
                    + "; node names must be unique in a cluster");
        }
        String ours = databaseUrl();
        if (seed.database() == null || !seed.database().equals(ours)) {
            throw new AdminException(Kind.CONFLICT, "the members of a cluster share one database: "
                    + seed.node() + " uses " + seed.database() + ", " + node + " uses " + ours
                    + " (restart " + node + " with that database first; docs/CLUSTER.md)");
        }
        if ("static".equals(seed.discovery()) && seed.hosts() == null) {
            throw new AdminException(Kind.INVALID_ARGUMENT,
                    "static discovery needs the member list (hosts)");
        }
        ClusterSettingsFile target;
        try {
            target = new ClusterSettingsFile(seed.cluster(), seed.discovery(),
                    "static".equals(seed.discovery()) ? seed.hosts() : null);
        } catch (IllegalArgumentException e) {
            throw new AdminException(Kind.INVALID_ARGUMENT, e.getMessage());
        }
        ClusterChange change = new ClusterChange(node, current, target.name(), ownSessions(),
                null, !dryRun);
        if (!dryRun) {
            apply(target, node + " joins cluster " + target.name() + " through " + seed.node());
        }
        return change;
    }

    /**
     * Leaves the cluster gracefully; refused when this node is its only member.
     *
     * @param dryRun only check and describe the change
     */
    public ClusterChange leave(boolean dryRun) throws AdminException {
        String node = cluster.node();
        String current = clusterName();
        List<String> members = cluster.members();
        if (members.size() <= 1) {
            throw new AdminException(Kind.CONFLICT, node + " is not in a cluster with other nodes"
                    + " (cluster " + current + " has no other member): nothing to leave");
        }
        String redirect = cluster.otherMemberAddress();
        String alone = "meerkat-" + node + "-" + HexFormat.of().formatHex(randomBytes());
        ClusterSettingsFile target = new ClusterSettingsFile(alone, "static", ownHosts());
        int own = ownSessions();
        if (dryRun) {
            return new ClusterChange(node, current, alone, own, redirect, false);
        }
        int ended = endStreams(redirect, "this node leaves its cluster");
        StreamService.Moves moves = streams.finishMoves(moveWait());
        // Streams end their sessions as they close; records without a stream (none, normally)
        // go too, with the presence the others expect, before the node leaves the view.
        int leftOver = cluster.purge(node);
        LOG.info(() -> node + " leaves cluster " + current + ": " + ended + " streams ended"
                + (redirect == null ? "" : ", TCP clients sent to " + redirect) + describe(moves)
                + (leftOver == 0 ? "" : ", " + leftOver + " records without a stream removed"));
        apply(target, node + " leaves cluster " + current + " for a cluster of its own, " + alone);
        return new ClusterChange(node, current, alone, own, redirect, true);
    }

    /**
     * Before this node stops (bin/meerkat stop; docs/CLUSTER.md, "Rolling restart"): its TCP
     * clients are sent to another member with {@code <see-other-host/>}, its WebSocket and BOSH
     * clients get {@code <system-shutdown/>}, and a stream opened from now on gets the same right
     * after its header. A session with XEP-0198 resumption enabled waits up to
     * {@code meerkat.cluster.move-wait} seconds for its client to resume it on the member it
     * reconnects to, which takes it over with its unacknowledged stanzas, in order; the other
     * sessions, and those not resumed in time, end normally, so their records leave the table and
     * messages to them go to their other resources or to offline storage. The node stays in its
     * cluster.
     */
    public ClusterChange drain() {
        String node = cluster.node();
        int own = ownSessions();
        String redirect = cluster.members().size() > 1 ? cluster.otherMemberAddress() : null;
        int ended = endStreams(redirect, "this node is stopping");
        StreamService.Moves moves = streams.finishMoves(moveWait());
        LOG.info(() -> node + " drained before it stops: " + ended + " streams ended"
                + (redirect == null ? "" : ", TCP clients sent to " + redirect) + describe(moves));
        return new ClusterChange(node, clusterName(), clusterName(), own, redirect, true);
    }

    private int endStreams(String redirect, String why) {
        StreamError tcp = redirect == null
                ? StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN, why)
                : StreamError.seeOtherHost(redirect);
        StreamError http = StreamError.of(StreamErrorCondition.SYSTEM_SHUTDOWN,
                why + "; connect again");
        // Resumable sessions wait for their clients only when another member can take them
        return streams.endAll(transport -> "tcp".equals(transport) ? tcp : http, redirect != null);
    }

    /** {@code meerkat.cluster.move-wait}: seconds a moved session waits to be resumed elsewhere. */
    private static Duration moveWait() {
        return Duration.ofSeconds(Settings.integer(Settings::lookup, "meerkat.cluster.move-wait",
                DEFAULT_MOVE_WAIT_SECONDS, 0, 15));
    }

    private static String describe(StreamService.Moves moves) {
        if (moves.resumable() == 0) {
            return "";
        }
        return "; of " + moves.resumable() + " resumable sessions " + moves.left()
                + " left for another member in time (XEP-0198 resumption), " + moves.ended()
                + " ended here";
    }

    private void apply(ClusterSettingsFile target, String why) throws AdminException {
        Path file = ClusterSettingsFile.in(Path.of(System.getProperty("jboss.server.base.dir",
                ".")));
        try {
            target.write(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e, e);
        }
        target.applyToSystemProperties();
        LOG.info(() -> why + "; settings written to " + file);
        reload.schedule(RELOAD_DELAY_MILLIS, why);
    }

    private int ownSessions() {
        int count = 0;
        for (SessionRecord r : sessions.table().all().values()) {
            if (r.channel().node().equals(cluster.node())) {
                count++;
            }
        }
        return count;
    }

    private static String clusterName() {
        return System.getProperty("meerkat.cluster.name", "meerkat");
    }

    /** This node's JGroups address as TCPPING takes it, as the launcher sets it by default. */
    private static String ownHosts() {
        String host = System.getProperty("jboss.bind.address.private", "127.0.0.1");
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        return host + "[" + (7600 + offset) + "]";
    }

    /** The database's JDBC URL without its parameters (which may hold credentials). */
    private String databaseUrl() {
        try (Connection c = database.getConnection()) {
            String url = c.getMetaData().getURL();
            int parameters = url.indexOf('?');
            return parameters < 0 ? url : url.substring(0, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's URL: " + e, e);
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return bytes;
    }
}

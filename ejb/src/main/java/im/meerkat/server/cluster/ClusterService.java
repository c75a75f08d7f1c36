package im.meerkat.server.cluster;

import im.meerkat.server.metrics.ServerMetrics;
import im.meerkat.server.offline.OfflineDelivery;
import im.meerkat.server.session.SessionCache;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.GroupMembershipEvent;
import org.wildfly.clustering.server.GroupMembershipListener;
import org.wildfly.clustering.server.GroupMembershipMergeEvent;
import org.wildfly.clustering.server.Registration;
import org.wildfly.clustering.server.dispatcher.Command;
import org.wildfly.clustering.server.dispatcher.CommandDispatcher;
import org.wildfly.clustering.server.dispatcher.CommandDispatcherFactory;

/**
 * This node's place in the cluster: the command dispatcher over WildFly clustering (architecture
 * invariant 7) and the membership listener that has the records of a node that left the view
 * removed (invariant 6). Members are named by {@code jboss.node.name}, as session records are.
 * Without a command dispatcher factory (a server not configured for clustering) the node runs
 * alone and sessions of other nodes count as absent.
 */
@Singleton
@Startup
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterService implements GroupMembershipListener<GroupMember> {

    /** Where WildFly binds the command dispatcher factory of the default channel. */
    public static final String FACTORY_JNDI =
            "java:jboss/clustering/server/command-dispatcher-factory/default";
    private static final String DISPATCHER_ID = "meerkat-xmpp";
    private static final long TIMEOUT_MILLIS = 5000;
    /**
     * When the later passes after a merge run, whatever the session cache does: after its own
     * conflict resolution, which may remove entries the first pass wrote back.
     */
    private static final long[] LATER_HEALS_MILLIS = {5_000, 30_000};
    /**
     * How long after a merge each new topology of the session cache starts a pass: its conflict
     * resolution and rebalancing end in one, however long they take on a loaded machine.
     */
    private static final long HEAL_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final Logger LOG = Logger.getLogger(ClusterService.class.getName());

    @Inject
    private SessionRegistry sessions;

    @Inject
    private LostNodes lostNodes;

    @Inject
    private PartitionMerge merge;

    @Inject
    private ServerMetrics metrics;

    @Inject
    private Instance<OfflineDelivery> offline;

    @Inject
    private Instance<SessionCache> sessionCache;

    @Resource
    private ManagedExecutorService executor;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService scheduler;

    private CommandDispatcherFactory<GroupMember> factory;
    private CommandDispatcher<GroupMember, NodeCommands> dispatcher;
    private Registration membership;
    private NodeCommands local;
    /** {@link System#nanoTime()} of the last merge view; passes follow it for a while. */
    private volatile long mergedAt;
    private volatile boolean merging;
    private final AtomicBoolean healQueued = new AtomicBoolean();

    @PostConstruct
    @SuppressWarnings("unchecked")
    void start() {
        local = new NodeCommands(sessions, xmppAddress());
        metrics.clusterMembersGauge(() -> (long) members().size());
        if (offline != null && offline.isResolvable()) {
            OfflineDelivery stored = offline.get();
            local.useStoredDelivery(stored::deliver);
        }
        local.useLeftOvers(lostNodes::leftOver);
        try {
            factory = (CommandDispatcherFactory<GroupMember>) new InitialContext()
                    .lookup(FACTORY_JNDI);
        } catch (NamingException e) {
            LOG.warning(() -> "no command dispatcher factory at " + FACTORY_JNDI
                    + "; this node runs alone (" + e + ")");
            return;
        }
        dispatcher = factory.createCommandDispatcher(DISPATCHER_ID, local,
                ClusterService.class.getClassLoader());
        if (sessionCache != null && sessionCache.isResolvable()) {
            sessionCache.get().onTopologyChange(this::sessionCacheChanged);
        }
        membership = factory.getGroup().register(this);
        LOG.info(() -> "cluster " + factory.getGroup().getName() + ": members " + members());
        executor.submit(() -> purgeAbsent(members()));
    }

    @PreDestroy
    void stop() {
        if (membership != null) {
            membership.close();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    /** This node's name ({@code jboss.node.name}). */
    public String node() {
        return sessions.node();
    }

    /** The names of the current members, in view order; this node alone without a cluster. */
    public List<String> members() {
        if (factory == null) {
            return List.of(node());
        }
        List<String> names = new ArrayList<>();
        for (GroupMember m : factory.getGroup().getMembership().getMembers()) {
            names.add(m.getName());
        }
        return names;
    }

    /** The member that coordinates the view. */
    public String coordinator() {
        return factory == null ? node()
                : factory.getGroup().getMembership().getCoordinator().getName();
    }

    /**
     * Runs a command on a member and waits for its answer.
     *
     * @return the command's answer; false when the node is not a member, does not answer in
     *     time, or failed
     */
    public boolean send(String node, Command<Boolean, NodeCommands, RuntimeException> command) {
        Boolean result = call(node, command);
        return result != null && result;
    }

    /**
     * Runs a command that answers with a value on a member and waits for its answer.
     *
     * @return the answer; null when the node is not a member, does not answer in time, failed or
     *     answered null
     */
    public <R> R request(String node, Command<R, NodeCommands, RuntimeException> command) {
        return call(node, command);
    }

    /** Sets what hands this node's resumable sessions over to other nodes (XEP-0198 §5). */
    public void useHandovers(SessionHandovers handovers) {
        local.useHandovers(handovers);
    }

    /** Each member's {@link NodeCommands#status()}, or null for one that did not answer. */
    public Map<String, String> status() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String member : members()) {
            result.put(member, member.equals(node()) ? local.status()
                    : call(member, new StatusCommand()));
        }
        return result;
    }

    private <R> R call(String node, Command<R, NodeCommands, RuntimeException> command) {
        GroupMember member = member(node);
        if (member == null) {
            LOG.log(Level.FINE, "node {0} is not a member; command not sent", node);
            return null;
        }
        try {
            CompletionStage<R> answer = dispatcher.dispatchToMember(command, member);
            return answer.toCompletableFuture().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException | CancellationException e) {
            // Cancelled: the member has no dispatcher (yet), as while its application deploys
            LOG.log(Level.FINE, "command to node " + node + " failed", e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private GroupMember member(String node) {
        if (factory == null) {
            return null;
        }
        for (GroupMember m : factory.getGroup().getMembership().getMembers()) {
            if (m.getName().equals(node)) {
                return m;
            }
        }
        return null;
    }

    @Override
    public void updated(GroupMembershipEvent<GroupMember> event) {
        List<String> now = new ArrayList<>();
        for (GroupMember m : event.getCurrentMembership().getMembers()) {
            now.add(m.getName());
        }
        LOG.info(() -> "cluster view: " + now);
        // Not on the JGroups thread that delivers the view: the removal writes to the table.
        // The view is read again when the task runs, so that a late task never removes the
        // records of a node that has rejoined in between.
        executor.submit(() -> purgeAbsent(members()));
    }

    /**
     * The client address ({@code host:port}) of the first other member that answers the status
     * command, for {@code <see-other-host/>}; null when no other member answers.
     */
    public String otherMemberAddress() {
        for (Map.Entry<String, String> e : status().entrySet()) {
            if (!e.getKey().equals(node()) && e.getValue() != null) {
                return e.getValue().split("\t", 2)[0];
            }
        }
        return null;
    }

    /**
     * A partition healed (docs/CLUSTER.md, "Partitions and merge"): records of nodes still
     * missing go, and this node writes its own sessions back: at once, and again later, after the
     * session cache has resolved its own conflicts (its merge policy removes entries whose copies
     * differ), which may end after this view arrives.
     */
    @Override
    public void merged(GroupMembershipMergeEvent<GroupMember> event) {
        LOG.info(() -> "cluster view after a merge of " + event.getPartitions().size()
                + " partitions: " + members());
        mergedAt = System.nanoTime();
        merging = true;
        merge.merged();
        executor.submit(() -> {
            purgeAbsent(members());
            heal("the merge view");
        });
        for (long delay : LATER_HEALS_MILLIS) {
            scheduler.schedule(() -> heal(delay / 1000 + " s after the merge view"), delay,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The session cache installed a new topology on this node (on a thread of the cache). For a
     * while after a merge, each such change starts a pass; changes that come while one waits to
     * start share it.
     */
    private void sessionCacheChanged() {
        if (!merging) {
            return;
        }
        if (System.nanoTime() - mergedAt > HEAL_WINDOW_NANOS) {
            merging = false;
            return;
        }
        if (healQueued.compareAndSet(false, true)) {
            executor.submit(() -> {
                healQueued.set(false);
                heal("a new topology of the session cache");
            });
        }
    }

    /** One pass after a merge; a failure is logged, and the next pass tries again. */
    private void heal(String after) {
        try {
            merge.heal();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the pass after " + after + " failed", e);
        }
    }

    /** Removes the records of every node that is not a member (invariant 6). */
    public void purgeAbsent(List<String> members) {
        Set<String> absent = new HashSet<>();
        for (SessionRecord r : sessions.table().all().values()) {
            if (!members.contains(r.channel().node())) {
                absent.add(r.channel().node());
            }
        }
        for (String node : absent) {
            if (factory != null && members().contains(node)) {
                continue; // back in the view meanwhile (a merge): its records stay
            }
            try {
                lostNodes.purge(node);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "removing the sessions of node " + node + " failed", e);
            }
        }
    }

    /** Removes a node's records on an administrator's request; the caller checked liveness. */
    public int purge(String node) {
        return lostNodes.purge(node).size();
    }

    /** This node's XMPP client address, {@code host:port}. */
    static String xmppAddress() {
        String host = System.getProperty("jboss.bind.address", "127.0.0.1");
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        return host + ":" + (5222 + offset);
    }
}

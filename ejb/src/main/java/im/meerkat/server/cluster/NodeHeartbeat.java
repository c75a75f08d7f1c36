package im.meerkat.server.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this node's row in {@link NodeRegistry}: written at the start and every
 * {@link #INTERVAL_SECONDS} seconds, deleted when the node stops cleanly (a stop, a reload for
 * join-cluster or leave-cluster), so that a row of a node outside the view marks one that did
 * not: {@code cluster-status} lists it as not running until it comes back or an administrator
 * removes it (docs/CLUSTER.md).
 */
@Singleton
@Startup
// Stopped before the registry, which deletes this node's row as the application stops
@DependsOn({"ClusterService", "NodeRegistry"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeHeartbeat {

    /** How often a running node writes its row. */
    public static final int INTERVAL_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class.getName());

    @EJB
    private NodeRegistry registry;

    @EJB
    private ClusterService cluster;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService scheduler;

    /** The cluster this node started in: a reload for join or leave changes the property first. */
    private String clusterName;
    /** Learnt at the first write. */
    private String node;
    private String address;
    private long startedMillis;
    private ScheduledFuture<?> beat;
    private volatile boolean failing;
    /** Guards the row: no write after the deletion at the stop. */
    private final Object rowLock = new Object();
    private boolean stopped;

    @PostConstruct
    void start() {
        clusterName = NodeRegistry.clusterName();
        address = ClusterService.xmppAddress();
        startedMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        // Nothing here calls other beans: they may wait for every startup bean, this one too
        beat = scheduler.scheduleAtFixedRate(this::write, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    private void write() {
        try {
            synchronized (rowLock) {
                if (stopped) {
                    return;
                }
                if (node == null) {
                    node = cluster.node();
                }
                registry.seen(clusterName, node, address, startedMillis, System.currentTimeMillis());
            }
            if (failing) {
                failing = false;
                LOG.info(() -> "the row of " + node + " is written again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "the row of " + node + " in cluster " + clusterName
                        + " could not be written; retried every " + INTERVAL_SECONDS + " s", e);
            }
        }
    }

    @PreDestroy
    void stop() {
        if (beat != null) {
            beat.cancel(false);
        }
        try {
            synchronized (rowLock) {
                stopped = true;
                if (node != null) {
                    registry.forget(clusterName, node);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the row of " + node + " in cluster " + clusterName
                    + " was not deleted; cluster-status lists the node as not running until it"
                    + " starts again", e);
        }
    }
}

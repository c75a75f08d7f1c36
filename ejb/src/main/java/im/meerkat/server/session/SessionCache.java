package im.meerkat.server.session;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.TopologyChanged;
import org.infinispan.notifications.cachelistener.event.TopologyChangedEvent;

/**
 * Supplies the {@link SessionTable} over the replicated Infinispan cache {@code sessions} of the
 * cache container {@code xmpp}; the only class that names Infinispan. An EJB, so that WildFly
 * resolves the cache through the component's resource injection, which also starts the cache.
 *
 * <p>It also tells when the cache installs a new topology on this node: after a partition heals,
 * the cache's own conflict resolution and rebalancing end in such a change, after which each
 * node writes its sessions back again (docs/CLUSTER.md, "Partitions and merge").
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SessionCache {

    /** JNDI name of the session table cache. */
    public static final String JNDI_NAME = "java:jboss/infinispan/cache/xmpp/sessions";
    private static final Logger LOG = Logger.getLogger(SessionCache.class.getName());

    @Resource(lookup = JNDI_NAME)
    private Cache<String, String> cache;

    private final List<Runnable> topologyObservers = new CopyOnWriteArrayList<>();
    private final Topologies topologies = new Topologies(topologyObservers);

    @PostConstruct
    void listen() {
        try {
            cache.addListener(topologies);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the session cache's topology changes are not observed", e);
        }
    }

    @PreDestroy
    void stopListening() {
        try {
            cache.removeListener(topologies);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the session cache's listener was not removed", e);
        }
    }

    /** The table over the cache, for the session registry. */
    @Produces
    @Dependent
    public SessionTable sessionTable() {
        return new SessionTable(cache);
    }

    /**
     * Runs {@code observer} each time the session cache has installed a new topology on this
     * node. It runs on a thread of the cache, which it must not hold: it hands work elsewhere.
     */
    public void onTopologyChange(Runnable observer) {
        topologyObservers.add(observer);
    }

    /** The cache's listener: public, as Infinispan calls it by reflection. */
    @Listener(observation = Listener.Observation.POST)
    public static final class Topologies {

        private final List<Runnable> observers;

        Topologies(List<Runnable> observers) {
            this.observers = observers;
        }

        @TopologyChanged
        public void changed(TopologyChangedEvent<String, String> event) {
            for (Runnable observer : observers) {
                try {
                    observer.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a topology observer failed", e);
                }
            }
        }
    }
}

package im.meerkat.server.blocking;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.infinispan.Cache;

/**
 * Supplies the {@link BlockListCache} over the replicated Infinispan cache {@code blocklists} of
 * the cache container {@code xmpp}. An EJB, so that WildFly resolves and starts the cache through
 * the component's resource injection, as for the session table.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BlockListCacheBean {

    /** JNDI name of the block list cache. */
    public static final String JNDI_NAME = "java:jboss/infinispan/cache/xmpp/blocklists";

    @Resource(lookup = JNDI_NAME)
    private Cache<String, String> cache;

    @Produces
    @Dependent
    public BlockListCache blockListCache() {
        return new BlockListCache(cache);
    }
}

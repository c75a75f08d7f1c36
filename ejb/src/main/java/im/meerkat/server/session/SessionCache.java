package im.meerkat.server.session;

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
 * Supplies the {@link SessionTable} over the replicated Infinispan cache {@code sessions} of the
 * cache container {@code xmpp}; the only class that names Infinispan. An EJB, so that WildFly
 * resolves the cache through the component's resource injection, which also starts the cache.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SessionCache {

    /** JNDI name of the session table cache. */
    public static final String JNDI_NAME = "java:jboss/infinispan/cache/xmpp/sessions";

    @Resource(lookup = JNDI_NAME)
    private Cache<String, String> cache;

    /** The table over the cache, for the session registry. */
    @Produces
    @Dependent
    public SessionTable sessionTable() {
        return new SessionTable(cache);
    }
}

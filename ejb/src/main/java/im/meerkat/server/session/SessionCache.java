package im.meerkat.server.session;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.infinispan.Cache;

/**
 * Supplies the {@link SessionTable} over the replicated Infinispan cache {@code sessions} of the
 * cache container {@code xmpp}. The only class that names Infinispan.
 */
@Dependent
public class SessionCache {

    /** JNDI name of the session table cache. */
    public static final String JNDI_NAME = "java:jboss/infinispan/cache/xmpp/sessions";

    @Resource(lookup = JNDI_NAME)
    private Cache<String, String> cache;

    @Produces
    @Dependent
    SessionTable sessionTable() {
        return new SessionTable(cache);
    }
}

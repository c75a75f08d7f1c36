package im.meerkat.server.blocking;

import im.meerkat.server.disco.ServerFeatures;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Announces {@code urn:xmpp:blocking} in the server's disco#info (XEP-0191 §4.1); the handlers
 * answer for the user's account, so they do not add it themselves.
 */
@ApplicationScoped
public class BlockingFeature implements ServerFeatures {

    @Override
    public Set<String> features() {
        return Set.of(BlockingHandlers.NAMESPACE);
    }
}

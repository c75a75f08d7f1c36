package im.meerkat.server.offline;

import im.meerkat.server.disco.ServerFeatures;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Announces offline storage in the server's disco#info (XEP-0160 §5). */
@ApplicationScoped
public class OfflineFeature implements ServerFeatures {

    public static final String MSGOFFLINE = "msgoffline";

    @Override
    public Set<String> features() {
        return Set.of(MSGOFFLINE);
    }
}

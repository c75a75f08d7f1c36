package im.meerkat.server.lastactivity;

import im.meerkat.xmpp.jid.Jid;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The access rule while the server keeps no rosters: every local user may see every other
 * local user's last activity. Replace it with an {@code @Alternative @Priority} bean that checks
 * the presence subscription (XEP-0012 §4).
 */
@ApplicationScoped
public class OpenLastActivityAccess implements LastActivityAccess {

    @Override
    public boolean mayView(Jid requester, Jid account) {
        return true;
    }
}

package im.meerkat.server.lastactivity;

import im.meerkat.xmpp.jid.Jid;

/**
 * Whether one user may see another user's last activity. XEP-0012 §3 allows it to entities
 * authorized to see the user's presence, normally through a presence subscription (RFC 6121
 * §3); the roster replaces {@link SettingLastActivityAccess} with a bean that checks it.
 */
public interface LastActivityAccess {

    /** @return true when {@code requester} (bare JID) may see the activity of {@code account} */
    boolean mayView(Jid requester, Jid account);
}

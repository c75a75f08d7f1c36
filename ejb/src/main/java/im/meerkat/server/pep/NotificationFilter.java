package im.meerkat.server.pep;

import im.meerkat.server.session.SessionRecord;
import im.meerkat.xmpp.jid.Jid;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who receives the notification of an event on a PEP node (XEP-0163 §4.3, §4.4): every
 * available resource of the owner and, unless only the owner may read the node, of each contact
 * with a presence subscription to the owner, whose verified capabilities include the feature
 * {@code NODE+notify}. A resource whose capabilities are unknown or unverified receives nothing.
 */
final class NotificationFilter {

    private final Function<Jid, List<SessionRecord>> sessions;
    private final Function<String, Optional<Set<String>>> features;

    /**
     * @param sessions the session records of an account (bare JID), cluster-wide
     * @param features the verified features behind a record's caps ({@code node#ver})
     */
    NotificationFilter(Function<Jid, List<SessionRecord>> sessions,
            Function<String, Optional<Set<String>>> features) {
        this.sessions = sessions;
        this.features = features;
    }

    /** The full JIDs to notify of an event on {@code node} of {@code owner}. */
    List<Jid> recipients(Jid owner, String node, NodeConfig config, List<Jid> subscribers) {
        Set<Jid> accounts = new LinkedHashSet<>();
        accounts.add(owner.bare());
        if (config.access() != AccessModel.WHITELIST) {
            subscribers.forEach(s -> accounts.add(s.bare()));
        }
        List<Jid> recipients = new ArrayList<>();
        for (Jid account : accounts) {
            for (SessionRecord r : sessions.apply(account)) {
                if (r.available() && interested(r, node)) {
                    recipients.add(account.withResource(r.resource()));
                }
            }
        }
        return recipients;
    }

    /** Whether the session's verified capabilities include {@code node+notify}. */
    boolean interested(SessionRecord record, String node) {
        return !record.caps().isEmpty() && features.apply(record.caps())
                .map(f -> f.contains(node + "+notify")).orElse(false);
    }
}

package im.meerkat.server.cluster;

import im.meerkat.server.routing.Delivery;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes the session records of a node that left the cluster or died, and sends the unavailable
 * presence its users' other resources expect (RFC 6121 §4.5.2; architecture invariant 6).
 *
 * <p>Every remaining node runs this for a lost node. The removal of each record is conditional
 * (the table's compare-and-set), so exactly one node removes a given record and only that node
 * sends its presence: running it everywhere, or twice, is safe.
 */
@ApplicationScoped
public class LostNodes {

    private static final Logger LOG = Logger.getLogger(LostNodes.class.getName());

    private SessionRegistry sessions;
    private Delivery delivery;
    private Iterable<LostSessionObserver> observers;

    /** For the container's proxy. */
    protected LostNodes() {
    }

    @Inject
    public LostNodes(SessionRegistry sessions, Delivery delivery,
            Instance<LostSessionObserver> observers) {
        this(sessions, delivery, (Iterable<LostSessionObserver>) observers);
    }

    /** For tests. */
    public LostNodes(SessionRegistry sessions, Delivery delivery,
            Iterable<LostSessionObserver> observers) {
        this.sessions = sessions;
        this.delivery = delivery;
        this.observers = observers;
    }

    /**
     * Removes every record that names the node.
     *
     * @return the full JIDs whose records this call removed (not those another node removed)
     */
    public List<Jid> purge(String node) {
        List<Jid> removed = new ArrayList<>();
        for (Map.Entry<Jid, SessionRecord> e : sessions.table().all().entrySet()) {
            SessionRecord r = e.getValue();
            if (!r.channel().node().equals(node)) {
                continue;
            }
            Jid full = e.getKey();
            if (sessions.table().remove(full, r.channel()).isPresent()) {
                removed.add(full);
                gone(full, r);
            }
        }
        if (!removed.isEmpty()) {
            LOG.info(() -> "removed " + removed.size() + " sessions of lost node " + node);
        }
        return removed;
    }

    private void gone(Jid full, SessionRecord record) {
        if (record.available()) {
            Presence unavailable = Presence.builder().type(Presence.Type.UNAVAILABLE).from(full)
                    .build();
            for (SessionRecord other : sessions.records(full)) {
                Jid to = full.withResource(other.resource());
                if (other.available() && !to.equals(full)) {
                    delivery.toSession(to, unavailable.withTo(to));
                }
            }
        }
        for (LostSessionObserver o : observers) {
            try {
                o.lost(full, record);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "observer failed for lost session " + full, ex);
            }
        }
    }
}

package im.meerkat.server.roster;

import im.meerkat.server.routing.Delivery;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.xml.Element;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes what a roster change means to a user's sessions: roster pushes to the interested
 * resources (RFC 6121 §2.1.6, with the version of XEP-0237 §4), and presence stanzas to the
 * available or interested resources of a local account. Sessions of this node are written to
 * directly; for those that other cluster nodes hold, one command per node (architecture
 * invariant 7) asks that node to write to the interested ones, since only it knows which are.
 */
@ApplicationScoped
public class RosterPushes {

    private final AtomicLong pushIds = new AtomicLong();
    private SessionRegistry sessions;
    private Delivery delivery;

    /** For the container's proxy. */
    protected RosterPushes() {
    }

    @Inject
    public RosterPushes(SessionRegistry sessions, Delivery delivery) {
        this.sessions = sessions;
        this.delivery = delivery;
    }

    /** Pushes a change the user can see to every interested resource, on any node. */
    public void push(Jid owner, RosterStore.Change change) {
        if (!change.pushed()) {
            return;
        }
        Element item = change.after() == null
                ? RosterItem.removed(change.before().contact())
                : change.after().toElement();
        Element query = Element.builder(RosterHandler.QUERY)
                .attribute("ver", Long.toString(change.version())).child(item).build();
        for (LocalSession s : sessions.locals(owner.bare())) {
            if (s.interested()) {
                s.send(Iq.builder(Iq.Type.SET).id("push" + pushIds.incrementAndGet())
                        .from(owner.bare()).to(s.jid()).child(query).build().element());
            }
        }
        delivery.toInterestedElsewhere(sessions.records(owner.bare()),
                r -> Iq.builder(Iq.Type.SET).id("push" + pushIds.incrementAndGet())
                        .from(owner.bare()).to(owner.bare().withResource(r.resource()))
                        .child(query).build());
    }

    /** Delivers a presence stanza to every available resource of a local account. */
    public void toAvailable(Jid account, Presence presence) {
        for (SessionRecord r : sessions.records(account.bare())) {
            if (r.available()) {
                delivery.toSession(account.bare().withResource(r.resource()), presence);
            }
        }
    }

    /** Delivers a presence stanza to every interested resource of a local account, on any node. */
    public void toInterested(Jid account, Presence presence) {
        for (LocalSession s : sessions.locals(account.bare())) {
            if (s.interested()) {
                s.send(presence.element());
            }
        }
        delivery.toInterestedElsewhere(sessions.records(account.bare()), r -> presence);
    }

    /**
     * Sends the current presence of each available resource of {@code from} to {@code to}'s
     * available resources, or unavailable presence instead (RFC 6121 §3.1.5, §3.2.2, §3.3.3).
     */
    public void presenceOfResources(Jid from, Jid to, boolean available) {
        for (SessionRecord r : sessions.records(from.bare())) {
            if (!r.available()) {
                continue;
            }
            Jid full = from.bare().withResource(r.resource());
            Presence p = available ? currentPresence(full, r)
                    : Presence.builder().type(Presence.Type.UNAVAILABLE).build();
            delivery.deliver(p.withAddresses(full, to.bare()));
        }
    }

    /** The last available presence of a resource; from its record when it is on another node. */
    public Presence currentPresence(Jid full, SessionRecord record) {
        return sessions.currentPresence(full, record);
    }
}

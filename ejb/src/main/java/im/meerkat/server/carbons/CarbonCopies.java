package im.meerkat.server.carbons;

import im.meerkat.server.routing.Delivery;
import im.meerkat.server.routing.MessageCopies;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends the carbon copies of XEP-0280 §7 (received) and §8 (sent) to the account's
 * carbons-enabled resources, on this node or another (through {@link Delivery#toSession}).
 * Copies carry the message as it was delivered, with the stanza-id the archive gave it.
 */
@ApplicationScoped
public class CarbonCopies implements MessageCopies {

    private SessionRegistry sessions;
    private Delivery delivery;

    /** For the container's proxy. */
    protected CarbonCopies() {
    }

    @Inject
    public CarbonCopies(SessionRegistry sessions, Delivery delivery) {
        this.sessions = sessions;
        this.delivery = delivery;
    }

    @Override
    public Message forRecipient(Message message) {
        return Carbons.withoutPrivate(message);
    }

    /**
     * §7: to each carbons-enabled resource that did not receive the message under RFC 6121
     * §8.5: all but the addressed resource (a full JID that is bound) or all but the
     * highest-priority resources (a bare JID, or a full JID whose resource is gone, §8.5.3.2.1).
     * A message the account sends to itself does not come back to the sending resource.
     */
    @Override
    public void received(Message original, Message delivered) {
        if (!Carbons.eligible(original)) {
            return;
        }
        Jid to = original.to();
        Jid account = to.bare();
        List<SessionRecord> records = sessions.records(account);
        Set<String> skip = reached(to, records);
        Jid from = original.from();
        if (from != null && from.isFull() && from.isSameBare(account)) {
            skip.add(from.resourceOrNull());
        }
        for (SessionRecord r : records) {
            if (r.carbons() && !skip.contains(r.resource())) {
                Jid resource = account.withResource(r.resource());
                delivery.toSession(resource,
                        Carbons.copy(Carbons.RECEIVED, account, resource, delivered));
            }
        }
    }

    /**
     * §8: to each carbons-enabled resource of the sender but the sending one. A message to the
     * sender's own account reaches the other resources as received copies instead.
     */
    @Override
    public void sent(LocalSession sender, Message message) {
        Jid account = sender.jid().bare();
        if (!Carbons.eligible(message) || message.to().isSameBare(account)) {
            return;
        }
        Message forwarded = Carbons.withoutPrivate(message);
        for (SessionRecord r : sessions.records(account)) {
            if (r.carbons() && !r.resource().equals(sender.jid().resourceOrNull())) {
                Jid resource = account.withResource(r.resource());
                delivery.toSession(resource,
                        Carbons.copy(Carbons.SENT, account, resource, forwarded));
            }
        }
    }

    /** The resources that received the message itself. */
    static Set<String> reached(Jid to, List<SessionRecord> records) {
        Set<String> reached = new HashSet<>();
        if (to.isFull()) {
            for (SessionRecord r : records) {
                if (r.resource().equals(to.resourceOrNull())) {
                    reached.add(r.resource());
                    return reached;
                }
            }
        }
        for (SessionRecord r : Delivery.highestPriority(records)) {
            reached.add(r.resource());
        }
        return reached;
    }
}

package im.meerkat.server.routing;

import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.error.StanzaError;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.stanza.Stanza;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Delivery of a stanza addressed to an account of a served domain, by the rules of RFC 6121
 * §8.5.2 (bare JID) and §8.5.3 (full JID). It answers with the error condition the sender is to
 * receive, or empty when the stanza was delivered or is to be dropped silently. IQs to a bare
 * JID never come here: the server answers them on the account's behalf.
 */
@ApplicationScoped
public class Delivery {

    private SessionRegistry sessions;
    private RemoteSessions remote;
    private UndeliverableMessages undeliverable;
    private List<StanzaFilter> filters = List.of();
    private List<MessageCopies> copies = List.of();

    /** For the container's proxy. */
    protected Delivery() {
    }

    @Inject
    public Delivery(SessionRegistry sessions, RemoteSessions remote,
            UndeliverableMessages undeliverable) {
        this.sessions = sessions;
        this.remote = remote;
        this.undeliverable = undeliverable;
    }

    @Inject
    void useHooks(@Any Instance<StanzaFilter> filterBeans, @Any Instance<MessageCopies> copyBeans) {
        useHooks(filterBeans.stream().toList(), copyBeans.stream().toList());
    }

    /** Block lists (XEP-0191) and message carbons (XEP-0280), or for tests any others. */
    public void useHooks(List<StanzaFilter> stanzaFilters, List<MessageCopies> messageCopies) {
        this.filters = List.copyOf(stanzaFilters);
        this.copies = List.copyOf(messageCopies);
    }

    /** Delivers a stanza whose {@code to} is a local account's bare or full JID. */
    public Optional<StanzaErrorCondition> deliver(Stanza stanza) {
        for (StanzaFilter filter : filters) {
            Optional<StanzaFilter.Refusal> refusal = filter.check(stanza);
            if (refusal.isPresent()) {
                return Optional.ofNullable(refusal.get().error()).map(StanzaError::condition);
            }
        }
        if (stanza instanceof Message original && !copies.isEmpty()) {
            Message delivered = original;
            for (MessageCopies c : copies) {
                delivered = c.forRecipient(delivered);
            }
            Optional<StanzaErrorCondition> result = route(delivered);
            if (result.isEmpty()) {
                for (MessageCopies c : copies) {
                    c.received(original, delivered);
                }
            }
            return result;
        }
        return route(stanza);
    }

    private Optional<StanzaErrorCondition> route(Stanza stanza) {
        Jid to = stanza.to();
        return to.isFull() ? toFull(to, stanza) : toBare(to, stanza);
    }

    /** Writes a stanza to the session of a full JID, on this node or another; false if absent. */
    public boolean toSession(Jid fullJid, Stanza stanza) {
        LocalSession local = sessions.local(fullJid);
        if (local != null) {
            return local.send(stanza.element());
        }
        Optional<SessionRecord> record = sessions.table().session(fullJid);
        return record.isPresent() && toRecord(record.get(), stanza);
    }

    private boolean toRecord(SessionRecord record, Stanza stanza) {
        LocalSession local = sessions.session(record.channel());
        if (local != null) {
            return local.send(stanza.element());
        }
        // A record of this node without a local session is stale: the stream is gone.
        return !record.channel().node().equals(sessions.node()) && remote.deliver(record, stanza);
    }

    /**
     * Hands the stanzas for the sessions of {@code records} that other nodes hold to those
     * nodes, one command per node, which write each only to an interested resource (RFC 6121
     * §2.1.6). The records of this node are left out: the caller writes to its own sessions.
     */
    public void toInterestedElsewhere(List<SessionRecord> records,
            Function<SessionRecord, Stanza> stanza) {
        Map<String, Map<SessionRecord, Stanza>> byNode = new LinkedHashMap<>();
        for (SessionRecord r : records) {
            String node = r.channel().node();
            if (!node.equals(sessions.node())) {
                byNode.computeIfAbsent(node, n -> new LinkedHashMap<>()).put(r, stanza.apply(r));
            }
        }
        byNode.forEach(remote::deliverIfInterested);
    }

    /** RFC 6121 §8.5.3: a full JID; when the resource is absent, §8.5.3.2. */
    private Optional<StanzaErrorCondition> toFull(Jid to, Stanza stanza) {
        if (toSession(to, stanza)) {
            return Optional.empty();
        }
        if (stanza instanceof Message m) {
            return switch (m.type()) {
                case ERROR -> Optional.empty();
                case GROUPCHAT -> Optional.of(StanzaErrorCondition.SERVICE_UNAVAILABLE);
                // §8.5.3.2.1: normal, chat and headline are handled as if sent to the bare JID
                default -> toBare(to.bare(), m);
            };
        }
        if (stanza instanceof Iq iq && iq.isRequest()) {
            return Optional.of(StanzaErrorCondition.SERVICE_UNAVAILABLE); // §8.5.3.2.2
        }
        return Optional.empty(); // §8.5.3.2.3 presence, and IQ responses: dropped
    }

    /** RFC 6121 §8.5.2: a bare JID. */
    private Optional<StanzaErrorCondition> toBare(Jid to, Stanza stanza) {
        if (stanza instanceof Message m) {
            return messageToBare(to, m);
        }
        if (stanza instanceof Presence p
                && (p.type() == Presence.Type.AVAILABLE || p.type() == Presence.Type.UNAVAILABLE)) {
            // §8.5.2.1.1: presence goes to every available resource; none: dropped (§8.5.2.2.1)
            for (SessionRecord r : sessions.records(to)) {
                if (r.available()) {
                    toRecord(r, p);
                }
            }
        }
        // Subscription requests and probes need the roster; errors are never answered.
        return Optional.empty();
    }

    private Optional<StanzaErrorCondition> messageToBare(Jid to, Message m) {
        switch (m.type()) {
            case ERROR:
                return Optional.empty();
            case GROUPCHAT:
                return Optional.of(StanzaErrorCondition.SERVICE_UNAVAILABLE);
            case HEADLINE:
                for (SessionRecord r : sessions.records(to)) {
                    if (r.receivesBareMessages()) {
                        toRecord(r, m);
                    }
                }
                return Optional.empty(); // none available: dropped (§8.5.2.2.1)
            default:
                boolean delivered = false;
                for (SessionRecord r : highestPriority(sessions.records(to))) {
                    delivered |= toRecord(r, m);
                }
                if (delivered || undeliverable.accept(m.withTo(to))) {
                    return Optional.empty();
                }
                return Optional.of(StanzaErrorCondition.SERVICE_UNAVAILABLE);
        }
    }

    /**
     * The available resources with the highest non-negative priority, all of them when several
     * share it (RFC 6121 §8.5.2.1.1).
     */
    public static List<SessionRecord> highestPriority(List<SessionRecord> records) {
        List<SessionRecord> best = new ArrayList<>(1);
        int top = Integer.MIN_VALUE;
        for (SessionRecord r : records) {
            if (!r.receivesBareMessages() || r.priority() < top) {
                continue;
            }
            if (r.priority() > top) {
                best.clear();
                top = r.priority();
            }
            best.add(r);
        }
        return best;
    }
}

package im.meerkat.server.pep;

import im.meerkat.server.caps.ClientCaps;
import im.meerkat.server.caps.EntityCaps;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.roster.RosterStore;
import im.meerkat.server.routing.Delivery;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends PEP event notifications (XEP-0060 §7.1.2, §7.2.2, §8.4.2, §8.5.2; XEP-0163 §4.3): a
 * {@code <message type='headline'/>} from the owner's bare JID with an {@code <event/>} to each
 * resource the {@link NotificationFilter} selects, through {@link Delivery#toSession} wherever
 * in the cluster it is bound. When a client becomes available with {@code +notify} features, or
 * adds some, it receives the last item of each such node of its own account and of the contacts
 * whose presence it receives (XEP-0163 §4.3.4, {@code on_sub_and_presence}).
 */
@ApplicationScoped
public class PepNotifier {

    private static final Logger LOG = Logger.getLogger(PepNotifier.class.getName());
    private static final String NOTIFY = "+notify";
    private static final XmlName EVENT = XmlName.of(PubSub.EVENT, "event");
    private static final XmlName ITEMS = XmlName.of(PubSub.EVENT, "items");
    private static final XmlName ITEM = XmlName.of(PubSub.EVENT, "item");
    private static final XmlName RETRACT = XmlName.of(PubSub.EVENT, "retract");
    private static final XmlName DELAY = XmlName.of("urn:xmpp:delay", "delay");
    /** Stored payloads passed the stanza limits once; these only guard against a damaged row. */
    private static final XmlDocumentParser STORED = new XmlDocumentParser(
            new ParserLimits(64 * 1024 * 1024, 64, 256));

    private SessionRegistry sessions;
    private Delivery delivery;
    private RosterStore roster;
    private EntityCaps caps;
    private PepStore store;
    private PepAccess access;
    private ServerConfig config;

    /** For the container's proxy. */
    protected PepNotifier() {
    }

    @Inject
    public PepNotifier(SessionRegistry sessions, Delivery delivery, RosterStore roster,
            EntityCaps caps, PepStore store, PepAccess access, ServerConfig config) {
        this.sessions = sessions;
        this.delivery = delivery;
        this.roster = roster;
        this.caps = caps;
        this.store = store;
        this.access = access;
        this.config = config;
    }

    /** A new item (XEP-0060 §7.1.2.1). */
    void published(Jid owner, String node, NodeConfig nodeConfig, StoredItem item) {
        send(owner, node, nodeConfig, items(node, item(ITEM, item)));
    }

    /** A retracted item (§7.2.2.1). */
    void retracted(Jid owner, String node, NodeConfig nodeConfig, String itemId) {
        send(owner, node, nodeConfig, items(node,
                Element.builder(RETRACT).attribute("id", itemId).build()));
    }

    /** A deleted node (§8.4.2). */
    void deleted(Jid owner, String node, NodeConfig nodeConfig) {
        send(owner, node, nodeConfig, Element.builder(XmlName.of(PubSub.EVENT, "delete"))
                .attribute("node", node).build());
    }

    /** A purged node (§8.5.2). */
    void purged(Jid owner, String node, NodeConfig nodeConfig) {
        send(owner, node, nodeConfig, Element.builder(XmlName.of(PubSub.EVENT, "purge"))
                .attribute("node", node).build());
    }

    private void send(Jid owner, String node, NodeConfig nodeConfig, Element content) {
        NotificationFilter filter = new NotificationFilter(sessions::records, caps::featuresOf);
        List<Jid> subscribers = nodeConfig.access() == AccessModel.WHITELIST ? List.of()
                : roster.subscribers(owner.bare()).stream().filter(this::isLocal).toList();
        Element event = Element.builder(EVENT).child(content).build();
        List<Jid> recipients = filter.recipients(owner, node, nodeConfig, subscribers);
        LOG.log(Level.FINE, () -> "event " + content.localName() + " on " + owner.bare()
                + " " + node + ": subscribers " + subscribers + ", notified " + recipients);
        for (Jid to : recipients) {
            delivery.toSession(to, message(owner, to, event, List.of()));
        }
    }

    /** XEP-0163 §4.3.4: the last items a client that just showed interest is to receive. */
    void capsKnown(@Observes ClientCaps known) {
        Set<String> nodes = new HashSet<>();
        for (String feature : known.features()) {
            if (feature.endsWith(NOTIFY) && !known.before().contains(feature)) {
                nodes.add(feature.substring(0, feature.length() - NOTIFY.length()));
            }
        }
        nodes.remove("");
        if (nodes.isEmpty()) {
            return;
        }
        LocalSession session = known.session();
        Jid user = session.jid().bare();
        List<Jid> owners = new ArrayList<>();
        owners.add(user);
        roster.subscriptions(user).stream().filter(this::isLocal).forEach(owners::add);
        try {
            Map<Jid, Map<String, NodeConfig>> found = store.nodes(owners, nodes);
            LOG.log(Level.FINE, () -> session + " shows interest in " + nodes
                    + ": last items of " + found.keySet());
            for (Map.Entry<Jid, Map<String, NodeConfig>> o : found.entrySet()) {
                for (Map.Entry<String, NodeConfig> n : o.getValue().entrySet()) {
                    sendLast(session, o.getKey(), n.getKey(), n.getValue());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "last PEP items not sent to " + session, e);
        }
    }

    private void sendLast(LocalSession session, Jid owner, String node, NodeConfig nodeConfig) {
        if (nodeConfig.sendLast() != SendLastPublished.ON_SUB_AND_PRESENCE
                || !access.mayRead(owner, session.jid(), nodeConfig)) {
            return;
        }
        Optional<StoredItem> last = store.last(owner, node);
        if (last.isPresent()) {
            Element event = Element.builder(EVENT)
                    .child(items(node, item(ITEM, last.get()))).build();
            Element delay = Element.builder(DELAY).attribute("from", owner.toString())
                    .attribute("stamp", Instant.ofEpochMilli(last.get().published()).toString())
                    .build();
            session.send(message(owner, session.jid(), event, List.of(delay)).element());
        }
    }

    private static Element items(String node, Element child) {
        return Element.builder(ITEMS).attribute("node", node).child(child).build();
    }

    /** An item as events and item retrieval carry it, in the given pubsub namespace. */
    static Element item(XmlName name, StoredItem item) {
        return Element.builder(name).attribute("id", item.id()).child(payload(item)).build();
    }

    static Element payload(StoredItem item) {
        try {
            return STORED.parse(item.payload());
        } catch (StreamErrorException e) {
            throw new IllegalStateException("a stored PEP payload is not well-formed XML", e);
        }
    }

    private static Message message(Jid owner, Jid to, Element event, List<Element> extra) {
        Message.Builder m = Message.builder().type(Message.Type.HEADLINE).from(owner.bare()).to(to)
                .id(UUID.randomUUID().toString()).child(event);
        extra.forEach(m::child);
        return m.build();
    }

    private boolean isLocal(Jid jid) {
        return jid.localOrNull() != null && config.serves(jid.domain());
    }
}

package im.meerkat.server.pep;

import im.meerkat.server.routing.Delivery;
import im.meerkat.xmpp.error.StanzaError;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StanzaErrorType;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pubsub requests of the PubSub service (XEP-0060): node creation, instant nodes included
 * (§8.1), subscriptions (§6.1, §6.2, §5.6), affiliations (§5.7), publication (§7.1), retraction
 * (§7.2) and item retrieval (§6.5); the owner's requests are {@link ServiceOwnerActions}. Any
 * local user may create a node and becomes its owner; owners and publishers publish and
 * retract; access is {@code open} or {@code whitelist} (owners and publishers). Notifications go to each subscribed JID through {@link Delivery}.
 */
@ApplicationScoped
public class ServiceActions {

    private static final Logger LOG = Logger.getLogger(ServiceActions.class.getName());
    private static final XmlName EVENT = XmlName.of(PubSub.EVENT, "event");

    private PepStore items;
    private ServiceStore members;
    private Delivery delivery;
    private PepSettings settings;
    private Clock clock = Clock.systemUTC();

    /** For the container's proxy. */
    protected ServiceActions() {
    }

    @Inject
    public ServiceActions(PepStore items, ServiceStore members, Delivery delivery,
            PepSettings settings) {
        this.items = items;
        this.members = members;
        this.delivery = delivery;
        this.settings = settings;
    }

    /** A reply and what to do once it is written (notifications). */
    record Outcome(Iq reply, Runnable after) {
        Outcome(Iq reply) {
            this(reply, () -> { });
        }
    }

    Outcome pubsub(Jid from, Jid service, Iq iq, Element pubsub) throws StanzaErrorException {
        Element action = first(pubsub, PubSub.NAMESPACE);
        boolean set = iq.type() == Iq.Type.SET;
        if (set) {
            return switch (action.localName()) {
                case "create" -> create(from, service, iq, action, child(pubsub, "configure"));
                case "publish" -> publish(from, service, iq, action,
                        child(pubsub, "publish-options"));
                case "retract" -> retract(from, service, iq, action);
                case "subscribe" -> subscribe(from, service, iq, action);
                case "unsubscribe" -> unsubscribe(from, service, iq, action);
                case "options" -> throw PubSub.unsupported("subscription-options");
                default -> throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST);
            };
        }
        return new Outcome(switch (action.localName()) {
            case "items" -> items(from, service, iq, action);
            case "subscriptions" -> ownSubscriptions(from, service, iq, action);
            case "affiliations" -> ownAffiliations(from, service, iq, action);
            case "options" -> throw PubSub.unsupported("subscription-options");
            case "default" -> throw PubSub.unsupported("retrieve-default-sub");
            default -> throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST);
        });
    }

    /**
     * The node's configuration when the requester may read its items (§6.5.4: a {@code
     * whitelist} node is {@code <not-allowed/>} with {@code <closed-node/>} to others).
     */
    NodeConfig readable(Jid from, Jid service, String node) throws StanzaErrorException {
        NodeConfig config = existing(service, node);
        if (config.access() == AccessModel.WHITELIST
                && members.affiliation(service, node, from).isEmpty()) {
            throw PubSub.error(StanzaErrorCondition.NOT_ALLOWED, "closed-node");
        }
        return config;
    }

    /** §8.1.1 (instant node: the service names it) and §8.1.2, §8.1.3 (with a configuration). */
    private Outcome create(Jid from, Jid service, Iq iq, Element create,
            Optional<Element> configure) throws StanzaErrorException {
        String node = create.attribute("node");
        if (node == null || node.isEmpty()) {
            node = UUID.randomUUID().toString();
        } else {
            node = PubSubHandler.node(create);
        }
        NodeConfig config = NodeConfig.SERVICE_DEFAULT;
        Optional<Element> x = configure.flatMap(c -> c.child(PubSub.X));
        if (x.isPresent()) {
            config = supported(ConfigForm.apply(config,
                    ConfigForm.fields(x.get(), PubSub.NODE_CONFIG)));
        }
        if (!members.create(service, node, config, from)) {
            throw new StanzaErrorException(StanzaErrorCondition.CONFLICT, "the node exists");
        }
        return new Outcome(iq.result(Element.builder(PubSub.PUBSUB)
                .child(Element.builder(XmlName.of(PubSub.NAMESPACE, "create"))
                        .attribute("node", node))
                .build()));
    }

    /** §7.1: owners and publishers publish; the item must fit the node's event type (§7.1.3.6). */
    private Outcome publish(Jid from, Jid service, Iq iq, Element publish,
            Optional<Element> options) throws StanzaErrorException {
        String node = PubSubHandler.node(publish);
        NodeConfig config = existing(service, node);
        if (!mayPublish(from, service, node)) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN,
                    "only owners and publishers publish to this node");
        }
        if (options.isPresent()) {
            Element x = options.get().child(PubSub.X).orElseThrow(() ->
                    new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                            "publish-options without a form"));
            Optional<String> unmet = ConfigForm.unmet(config,
                    ConfigForm.fields(x, PubSub.PUBLISH_OPTIONS));
            if (unmet.isPresent()) {
                throw PubSub.preconditionNotMet("the node's " + unmet.get() + " differs");
            }
        }
        Optional<Element> item = publication(config, publish.children(PubSub.ITEM));
        Element.Builder reply = Element.builder(XmlName.of(PubSub.NAMESPACE, "publish"))
                .attribute("node", node);
        Element.Builder event = Element.builder(XmlName.of(PubSub.EVENT, "items"))
                .attribute("node", node);
        if (item.isPresent()) {
            String payload = item.get().elements().isEmpty() ? ""
                    : item.get().elements().get(0).toXml();
            if (payload.getBytes(StandardCharsets.UTF_8).length > settings.maxPayloadBytes()) {
                throw PubSub.error(StanzaErrorCondition.NOT_ACCEPTABLE, "payload-too-big");
            }
            String itemId = item.get().attribute("id");
            if (itemId == null || itemId.isEmpty()) {
                itemId = UUID.randomUUID().toString();
            } else if (itemId.length() > PepStore.MAX_NAME_CHARS) {
                throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                        "item ids have at most " + PepStore.MAX_NAME_CHARS + " characters");
            }
            try {
                items.publish(service, node, config, Map.of(), itemId, from, payload,
                        clock.millis(), settings.maxItems());
            } catch (PepStore.PreconditionFailure e) {
                throw new IllegalStateException("no publish options were given", e);
            }
            reply.child(Element.builder(PubSub.ITEM).attribute("id", itemId));
            Element.Builder eventItem = Element.builder(XmlName.of(PubSub.EVENT, "item"))
                    .attribute("id", itemId);
            if (config.deliverPayloads() && !payload.isEmpty()) {
                eventItem.child(item.get().elements().get(0));
            }
            event.child(eventItem);
        }
        List<Jid> to = subscribers(service, node);
        Element content = event.build();
        return new Outcome(iq.result(Element.builder(PubSub.PUBSUB).child(reply).build()),
                () -> notify(service, to, content));
    }

    /**
     * The item a publication carries, checked against the node's event type (XEP-0060
     * §7.1.3.6): a transient notification-only node takes no item ({@code <item-forbidden/>});
     * every other node exactly one ({@code <item-required/>}), with one payload when the node
     * delivers payloads ({@code <payload-required/>}) and none when it does not ({@code
     * <invalid-payload/>}). Empty for a publication without item.
     */
    static Optional<Element> publication(NodeConfig config, List<Element> given)
            throws StanzaErrorException {
        if (given.size() > 1) {
            throw PubSub.error(StanzaErrorCondition.BAD_REQUEST, "invalid-payload");
        }
        if (!config.deliverPayloads() && !config.persistItems()) {
            if (!given.isEmpty()) {
                throw PubSub.error(StanzaErrorCondition.BAD_REQUEST, "item-forbidden");
            }
            return Optional.empty();
        }
        if (given.isEmpty()) {
            throw PubSub.error(StanzaErrorCondition.BAD_REQUEST, "item-required");
        }
        Element item = given.get(0);
        int payloads = item.elements().size();
        if (config.deliverPayloads() && payloads == 0) {
            throw PubSub.error(StanzaErrorCondition.BAD_REQUEST, "payload-required");
        }
        if (payloads > 1 || (!config.deliverPayloads() && payloads > 0)) {
            throw PubSub.error(StanzaErrorCondition.BAD_REQUEST, "invalid-payload");
        }
        return Optional.of(item);
    }

    /** §7.2: owners and publishers retract; subscribers are told when asked or configured. */
    private Outcome retract(Jid from, Jid service, Iq iq, Element retract)
            throws StanzaErrorException {
        String node = PubSubHandler.node(retract);
        NodeConfig config = existing(service, node);
        if (!mayPublish(from, service, node)) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN,
                    "only owners and publishers retract from this node");
        }
        String itemId = retract.child(PubSub.ITEM).map(i -> i.attribute("id")).orElse(null);
        if (itemId == null || itemId.isEmpty()) {
            throw PubSub.error(StanzaErrorCondition.BAD_REQUEST, "item-required");
        }
        if (!items.retract(service, node, itemId)) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        String notify = retract.attribute("notify");
        if (!("true".equals(notify) || "1".equals(notify) || config.notifyRetract())) {
            return new Outcome(iq.result());
        }
        List<Jid> to = subscribers(service, node);
        Element content = Element.builder(XmlName.of(PubSub.EVENT, "items"))
                .attribute("node", node).child(Element.builder(XmlName.of(PubSub.EVENT,
                        "retract")).attribute("id", itemId)).build();
        return new Outcome(iq.result(), () -> notify(service, to, content));
    }

    /** §6.5: all items, the newest {@code max_items}, or those asked by id; oldest first. */
    private Iq items(Jid from, Jid service, Iq iq, Element request) throws StanzaErrorException {
        String node = PubSubHandler.node(request);
        readable(from, service, node);
        Integer max = null;
        String maxItems = request.attribute("max_items");
        if (maxItems != null) {
            try {
                max = Integer.parseInt(maxItems.trim());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 0) {
                throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                        "max_items must be a non-negative number");
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Element i : request.children(PubSub.ITEM)) {
            if (i.attribute("id") != null) {
                ids.add(i.attribute("id"));
            }
        }
        List<StoredItem> found = new ArrayList<>(items.items(service, node, max, ids));
        if (ids.isEmpty()) {
            Collections.reverse(found);
        }
        Element.Builder result = Element.builder(XmlName.of(PubSub.NAMESPACE, "items"))
                .attribute("node", node);
        for (StoredItem i : found) {
            result.child(i.payload().isEmpty()
                    ? Element.builder(PubSub.ITEM).attribute("id", i.id()).build()
                    : PepNotifier.item(PubSub.ITEM, i));
        }
        return iq.result(Element.builder(PubSub.PUBSUB).child(result).build());
    }

    /** §6.1: the subscribing JID must be the requester's (bare or full, §6.1.3.1). */
    private Outcome subscribe(Jid from, Jid service, Iq iq, Element subscribe)
            throws StanzaErrorException {
        String node = PubSubHandler.node(subscribe);
        Jid jid = subscriber(from, subscribe, StanzaErrorCondition.BAD_REQUEST);
        readable(from, service, node);
        String subid = members.subscribe(service, node, jid);
        return new Outcome(iq.result(Element.builder(PubSub.PUBSUB)
                .child(Element.builder(XmlName.of(PubSub.NAMESPACE, "subscription"))
                        .attribute("node", node).attribute("jid", jid.toString())
                        .attribute("subid", subid).attribute("subscription", "subscribed"))
                .build()));
    }

    /** §6.2: {@code <unexpected-request/>} with {@code <not-subscribed/>} without one. */
    private Outcome unsubscribe(Jid from, Jid service, Iq iq, Element unsubscribe)
            throws StanzaErrorException {
        String node = PubSubHandler.node(unsubscribe);
        Jid jid = subscriber(from, unsubscribe, StanzaErrorCondition.FORBIDDEN);
        existing(service, node);
        if (!members.unsubscribe(service, node, jid)) {
            // §6.2.3.2 gives the type cancel, not the condition's usual wait
            throw new StanzaErrorException(StanzaError.of(StanzaErrorCondition.UNEXPECTED_REQUEST)
                    .withType(StanzaErrorType.CANCEL).withApplicationCondition(
                            Element.empty(XmlName.of(PubSub.ERRORS, "not-subscribed"))));
        }
        return new Outcome(iq.result());
    }

    /**
     * The {@code jid} of a subscription request: it must be the requester's bare or full JID;
     * else {@code <bad-request/>} with {@code <invalid-jid/>} (§6.1.3.1) or, on unsubscribe,
     * {@code <forbidden/>} (§6.2.3.3).
     */
    private static Jid subscriber(Jid from, Element request, StanzaErrorCondition mismatch)
            throws StanzaErrorException {
        Optional<Jid> jid = Optional.ofNullable(request.attribute("jid")).flatMap(Jid::tryOf);
        if (jid.isEmpty() || !jid.get().bare().equals(from.bare())
                || (jid.get().isFull() && !jid.get().equals(from))) {
            throw mismatch == StanzaErrorCondition.BAD_REQUEST
                    ? PubSub.error(StanzaErrorCondition.BAD_REQUEST, "invalid-jid")
                    : new StanzaErrorException(mismatch, "not the requester's JID");
        }
        return jid.get();
    }

    /** §5.6: the requester's subscriptions, of one node or all. */
    private Iq ownSubscriptions(Jid from, Jid service, Iq iq, Element request) {
        String node = request.attribute("node");
        Element.Builder list = Element.builder(XmlName.of(PubSub.NAMESPACE, "subscriptions"))
                .attribute("node", node);
        for (ServiceMember m : members.of(service, from)) {
            if (m.subid() != null && (node == null || node.equals(m.node()))) {
                list.child(Element.builder(XmlName.of(PubSub.NAMESPACE, "subscription"))
                        .attribute("node", m.node()).attribute("jid", m.jid())
                        .attribute("subid", m.subid()).attribute("subscription", "subscribed"));
            }
        }
        return iq.result(Element.builder(PubSub.PUBSUB).child(list).build());
    }

    /** §5.7: the requester's affiliations, of one node or all. */
    private Iq ownAffiliations(Jid from, Jid service, Iq iq, Element request) {
        String node = request.attribute("node");
        Element.Builder list = Element.builder(XmlName.of(PubSub.NAMESPACE, "affiliations"))
                .attribute("node", node);
        for (ServiceMember m : members.of(service, from.bare())) {
            if (m.affiliation() != null && (node == null || node.equals(m.node()))) {
                list.child(Element.builder(XmlName.of(PubSub.NAMESPACE, "affiliation"))
                        .attribute("node", m.node()).attribute("affiliation", m.affiliation()));
            }
        }
        return iq.result(Element.builder(PubSub.PUBSUB).child(list).build());
    }

    private boolean mayPublish(Jid from, Jid service, String node) {
        return members.affiliation(service, node, from)
                .map(a -> a.equals(ServiceStore.OWNER) || a.equals(ServiceStore.PUBLISHER))
                .orElse(false);
    }

    List<Jid> subscribers(Jid service, String node) {
        return members.members(service, node).stream().filter(m -> m.subid() != null)
                .map(m -> Jid.of(m.jid())).toList();
    }

    /** One {@code <message type='headline'/>} with the event to each subscribed JID (§7.1.2). */
    void notify(Jid service, List<Jid> subscribers, Element content) {
        Element event = Element.builder(EVENT).child(content).build();
        for (Jid to : subscribers) {
            try {
                delivery.deliver(Message.builder().type(Message.Type.HEADLINE).from(service)
                        .to(to).id(UUID.randomUUID().toString()).child(event).build());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "PubSub notification to " + to + " failed", e);
            }
        }
    }

    /** The node's configuration, or {@code <item-not-found/>} (§6.1.3.12, §7.1.3.3). */
    NodeConfig existing(Jid service, String node) throws StanzaErrorException {
        return items.node(service, node).orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no such node"));
    }

    /** A configuration the service offers: {@code presence} access needs an account's roster. */
    static NodeConfig supported(Optional<NodeConfig> config) throws StanzaErrorException {
        return config.filter(c -> c.access() != AccessModel.PRESENCE).orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                        "unsupported node configuration"));
    }

    static Element first(Element pubsub, String namespace) throws StanzaErrorException {
        Element action = pubsub.firstElement().orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "empty pubsub"));
        if (!action.namespace().equals(namespace)) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST);
        }
        return action;
    }

    private static Optional<Element> child(Element pubsub, String local) {
        return pubsub.child(XmlName.of(PubSub.NAMESPACE, local));
    }

}

package im.meerkat.server.pep;

import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.server.iq.IqScope;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code http://jabber.org/protocol/pubsub} requests of a PEP service (XEP-0163), which the
 * server answers at each account's bare JID: publish with auto-create and publish-options
 * (XEP-0060 §7.1, §7.1.5; XEP-0163 §7.1), item retrieval (§6.5), retraction (§7.2) and node
 * creation (§8.1). Only the owner publishes, retracts and creates ({@code <forbidden/>}
 * otherwise, §7.1.3.1). Subscriptions are implicit in PEP: explicit subscription requests get
 * {@code <feature-not-implemented/>}.
 */
@ApplicationScoped
public class PubSubHandler implements IqHandler {

    static final Set<String> FEATURES = Set.of("publish", "auto-create", "publish-options",
            "retrieve-items", "retract-items", "create-nodes", "delete-nodes", "purge-nodes",
            "config-node", "retrieve-default", "access-presence", "access-open",
            "access-whitelist", "last-published", "persistent-items", "item-ids",
            "create-and-configure", "presence-notifications", "filtered-notifications",
            "auto-subscribe", "presence-subscribe");

    private PepStore store;
    private PepAccess access;
    private PepNotifier notifier;
    private PepSettings settings;
    private Clock clock = Clock.systemUTC();

    /** For the container's proxy. */
    protected PubSubHandler() {
    }

    @Inject
    public PubSubHandler(PepStore store, PepAccess access, PepNotifier notifier,
            PepSettings settings) {
        this.store = store;
        this.access = access;
        this.notifier = notifier;
        this.settings = settings;
    }

    @Override
    public XmlName payload() {
        return PubSub.PUBSUB;
    }

    /** PEP lives at accounts; a pubsub request without {@code to} goes to the requester's own. */
    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.OWN_ACCOUNT, IqScope.OTHER_ACCOUNT);
    }

    @Override
    public Set<String> features() {
        return Set.of();
    }

    /** XEP-0163 §6.1: the pubsub features of the PEP service at the account. */
    @Override
    public Set<String> accountFeatures() {
        Set<String> features = new LinkedHashSet<>();
        features.add(PubSub.NAMESPACE);
        FEATURES.forEach(f -> features.add(PubSub.NAMESPACE + "#" + f));
        return features;
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        Element pubsub = request.payload();
        List<Element> children = pubsub.elements();
        if (children.isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "empty pubsub");
        }
        Element action = children.get(0);
        Jid owner = owner(request);
        if (!action.namespace().equals(PubSub.NAMESPACE)) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST);
        }
        String name = action.localName();
        if (request.isSet()) {
            return switch (name) {
                case "publish" -> publish(request, owner, action, option(pubsub, "publish-options"));
                case "retract" -> retract(request, owner, action);
                case "create" -> create(request, owner, action, option(pubsub, "configure"));
                case "subscribe", "unsubscribe", "options" -> throw PubSub.unsupported("subscribe");
                default -> throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST);
            };
        }
        return switch (name) {
            case "items" -> items(request, owner, action);
            case "subscriptions" -> throw PubSub.unsupported("retrieve-subscriptions");
            case "affiliations" -> throw PubSub.unsupported("retrieve-affiliations");
            case "default" -> throw PubSub.unsupported("retrieve-default-sub");
            default -> throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST);
        };
    }

    /** The PEP service a request is for: the requester's own account or another. */
    static Jid owner(IqRequest request) {
        return request.scope() == IqScope.OWN_ACCOUNT ? request.from().bare()
                : request.iq().to().bare();
    }

    private static Optional<Element> option(Element pubsub, String local) {
        return pubsub.child(XmlName.of(PubSub.NAMESPACE, local));
    }

    /** The node attribute, required (§7.1.3.3 {@code nodeid-required}) and limited in length. */
    static String node(Element action) throws StanzaErrorException {
        String node = action.attribute("node");
        if (node == null || node.isEmpty()) {
            throw PubSub.error(StanzaErrorCondition.BAD_REQUEST, "nodeid-required");
        }
        if (node.length() > PepStore.MAX_NAME_CHARS) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "node names have at most " + PepStore.MAX_NAME_CHARS + " characters");
        }
        return node;
    }

    static void ownerOnly(IqRequest request) throws StanzaErrorException {
        if (request.scope() != IqScope.OWN_ACCOUNT) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN,
                    "only the owner of a PEP service changes it");
        }
    }

    /** XEP-0060 §7.1 with XEP-0163 §7.1 (auto-create) and §7.1.5 (publish-options). */
    private Iq publish(IqRequest request, Jid owner, Element publish, Optional<Element> options)
            throws StanzaErrorException {
        ownerOnly(request);
        String node = node(publish);
        List<Element> items = publish.children(PubSub.ITEM);
        if (items.isEmpty()) {
            throw PubSub.error(StanzaErrorCondition.BAD_REQUEST, "item-required");
        }
        if (items.size() > 1) {
            throw PubSub.error(StanzaErrorCondition.BAD_REQUEST, "invalid-payload");
        }
        Element item = items.get(0);
        List<Element> payloads = item.elements();
        if (payloads.isEmpty()) {
            throw PubSub.error(StanzaErrorCondition.BAD_REQUEST, "payload-required");
        }
        if (payloads.size() > 1) {
            throw PubSub.error(StanzaErrorCondition.BAD_REQUEST, "invalid-payload");
        }
        String payload = payloads.get(0).toXml();
        if (payload.getBytes(StandardCharsets.UTF_8).length > settings.maxPayloadBytes()) {
            throw PubSub.error(StanzaErrorCondition.NOT_ACCEPTABLE, "payload-too-big");
        }
        String itemId = item.attribute("id");
        if (itemId == null || itemId.isEmpty()) {
            itemId = UUID.randomUUID().toString();
        } else if (itemId.length() > PepStore.MAX_NAME_CHARS) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "item ids have at most " + PepStore.MAX_NAME_CHARS + " characters");
        }
        Map<String, List<String>> fields = Map.of();
        if (options.isPresent()) {
            Element x = options.get().child(PubSub.X).orElseThrow(() ->
                    new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                            "publish-options without a form"));
            fields = ConfigForm.fields(x, PubSub.PUBLISH_OPTIONS);
        }
        NodeConfig ifNew = ConfigForm.apply(NodeConfig.DEFAULT, fields)
                .filter(NodeConfig::pepSupported).orElseThrow(() ->
                PubSub.preconditionNotMet("unsupported publish option"));
        PepStore.Published published;
        long now = clock.millis();
        try {
            published = store.publish(owner, node, ifNew, fields, itemId, request.from(), payload,
                    now, settings.maxItems());
        } catch (PepStore.PreconditionFailure e) {
            throw PubSub.preconditionNotMet("the node's " + e.getMessage() + " differs");
        }
        StoredItem stored = new StoredItem(itemId, now, request.from().toString(), payload);
        request.afterReply(() -> notifier.published(owner, node, published.config(), stored));
        return request.iq().result(Element.builder(PubSub.PUBSUB)
                .child(Element.builder(XmlName.of(PubSub.NAMESPACE, "publish"))
                        .attribute("node", node)
                        .child(Element.builder(PubSub.ITEM).attribute("id", itemId)))
                .build());
    }

    /** XEP-0060 §6.5: all items, the newest {@code max_items}, or those asked by id. */
    private Iq items(IqRequest request, Jid owner, Element items) throws StanzaErrorException {
        String node = node(items);
        NodeConfig config = store.node(owner, node).orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND));
        access.checkRead(owner, request.from(), config);
        Integer max = null;
        String maxItems = items.attribute("max_items");
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
        for (Element i : items.children(PubSub.ITEM)) {
            if (i.attribute("id") != null) {
                ids.add(i.attribute("id"));
            }
        }
        List<StoredItem> found = new ArrayList<>(store.items(owner, node, max, ids));
        if (ids.isEmpty()) {
            java.util.Collections.reverse(found); // the newest ones, oldest first
        }
        Element.Builder result = Element.builder(XmlName.of(PubSub.NAMESPACE, "items"))
                .attribute("node", node);
        for (StoredItem i : found) {
            result.child(PepNotifier.item(PubSub.ITEM, i));
        }
        return request.iq().result(Element.builder(PubSub.PUBSUB).child(result).build());
    }

    /** XEP-0060 §7.2, with notification when asked or configured (§7.2.2.1). */
    private Iq retract(IqRequest request, Jid owner, Element retract)
            throws StanzaErrorException {
        ownerOnly(request);
        String node = node(retract);
        String itemId = retract.child(PubSub.ITEM).map(i -> i.attribute("id")).orElse(null);
        if (itemId == null || itemId.isEmpty()) {
            throw PubSub.error(StanzaErrorCondition.BAD_REQUEST, "item-required");
        }
        NodeConfig config = store.node(owner, node).orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND));
        if (!store.retract(owner, node, itemId)) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        String notify = retract.attribute("notify");
        if ("true".equals(notify) || "1".equals(notify) || config.notifyRetract()) {
            request.afterReply(() -> notifier.retracted(owner, node, config, itemId));
        }
        return request.iq().result();
    }

    /** XEP-0060 §8.1.2 and §8.1.3 (create and configure); instant nodes are not offered. */
    private Iq create(IqRequest request, Jid owner, Element create, Optional<Element> configure)
            throws StanzaErrorException {
        ownerOnly(request);
        String node = node(create);
        NodeConfig config = NodeConfig.DEFAULT;
        Optional<Element> x = configure.flatMap(c -> c.child(PubSub.X));
        if (x.isPresent()) {
            config = ConfigForm.apply(config, ConfigForm.fields(x.get(), PubSub.NODE_CONFIG))
                    .filter(NodeConfig::pepSupported).orElseThrow(() -> new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                            "unsupported node configuration"));
        }
        if (!store.create(owner, node, config)) {
            throw new StanzaErrorException(StanzaErrorCondition.CONFLICT, "the node exists");
        }
        return request.iq().result();
    }
}

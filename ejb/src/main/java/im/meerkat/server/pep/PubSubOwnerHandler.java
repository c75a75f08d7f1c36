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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code http://jabber.org/protocol/pubsub#owner} requests of a PEP service, for its owner
 * alone ({@code <forbidden/>} for anyone else): node configuration (XEP-0060 §8.2), the default
 * configuration (§8.3), node deletion (§8.4) and purge (§8.5), each deletion and purge notified
 * to the node's recipients.
 */
@ApplicationScoped
public class PubSubOwnerHandler implements IqHandler {

    private PepStore store;
    private PepNotifier notifier;
    private PepSettings settings;

    /** For the container's proxy. */
    protected PubSubOwnerHandler() {
    }

    @Inject
    public PubSubOwnerHandler(PepStore store, PepNotifier notifier, PepSettings settings) {
        this.store = store;
        this.notifier = notifier;
        this.settings = settings;
    }

    @Override
    public XmlName payload() {
        return PubSub.PUBSUB_OWNER;
    }

    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.OWN_ACCOUNT, IqScope.OTHER_ACCOUNT);
    }

    @Override
    public Set<String> features() {
        return Set.of();
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        PubSubHandler.ownerOnly(request);
        Jid owner = PubSubHandler.owner(request);
        Element action = request.payload().firstElement().orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "empty pubsub"));
        if (!action.namespace().equals(PubSub.OWNER)) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST);
        }
        String name = action.localName();
        if (request.isSet()) {
            return switch (name) {
                case "configure" -> configure(request, owner, action);
                case "delete" -> delete(request, owner, action);
                case "purge" -> purge(request, owner, action);
                case "subscriptions", "affiliations" ->
                        throw PubSub.unsupported("manage-subscriptions");
                default -> throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST);
            };
        }
        return switch (name) {
            case "configure" -> configuration(request, owner, action);
            case "default" -> result(request, Element.builder(XmlName.of(PubSub.OWNER, "default"))
                    .child(ConfigForm.form(NodeConfig.DEFAULT)).build());
            case "subscriptions", "affiliations" ->
                    throw PubSub.unsupported("manage-subscriptions");
            default -> throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST);
        };
    }

    /** §8.2.1: the configuration form. */
    private Iq configuration(IqRequest request, Jid owner, Element configure)
            throws StanzaErrorException {
        String node = PubSubHandler.node(configure);
        NodeConfig config = existing(owner, node);
        return result(request, Element.builder(XmlName.of(PubSub.OWNER, "configure"))
                .attribute("node", node).child(ConfigForm.form(config)).build());
    }

    /** §8.2.4: a submitted form changes the configuration; a cancel form changes nothing. */
    private Iq configure(IqRequest request, Jid owner, Element configure)
            throws StanzaErrorException {
        String node = PubSubHandler.node(configure);
        NodeConfig current = existing(owner, node);
        Element x = configure.child(PubSub.X).orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "no form"));
        if ("cancel".equals(x.attribute("type"))) {
            return request.iq().result();
        }
        Map<String, List<String>> fields = ConfigForm.fields(x, PubSub.NODE_CONFIG);
        NodeConfig changed = ConfigForm.apply(current, fields).filter(NodeConfig::pepSupported)
                .orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                        "unsupported node configuration"));
        if (!store.configure(owner, node, changed, settings.maxItems())) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        return request.iq().result();
    }

    /** §8.4: the node and its items go; its recipients are told (§8.4.2). */
    private Iq delete(IqRequest request, Jid owner, Element delete) throws StanzaErrorException {
        String node = PubSubHandler.node(delete);
        NodeConfig config = existing(owner, node);
        if (!store.delete(owner, node)) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        request.afterReply(() -> notifier.deleted(owner, node, config));
        return request.iq().result();
    }

    /** §8.5: the node's items go; its recipients are told (§8.5.2). */
    private Iq purge(IqRequest request, Jid owner, Element purge) throws StanzaErrorException {
        String node = PubSubHandler.node(purge);
        NodeConfig config = existing(owner, node);
        if (!store.purge(owner, node)) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        request.afterReply(() -> notifier.purged(owner, node, config));
        return request.iq().result();
    }

    private NodeConfig existing(Jid owner, String node) throws StanzaErrorException {
        return store.node(owner, node).orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND));
    }

    private static Iq result(IqRequest request, Element child) {
        return request.iq().result(Element.builder(PubSub.PUBSUB_OWNER).child(child).build());
    }
}

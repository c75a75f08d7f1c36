package im.meerkat.server.pep;

import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.disco.DiscoInfoHandler;
import im.meerkat.server.disco.DiscoItemsHandler;
import im.meerkat.server.routing.LocalService;
import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.error.StanzaError;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The generic Publish-Subscribe service (XEP-0060) at {@code pubsub.<domain>} of each served
 * domain: service discovery of the service and its nodes (§5.1, §5.2, §5.3, §5.5) here, the
 * pubsub requests in {@link ServiceActions} and the owner's in {@link ServiceOwnerActions}.
 * Messages to the service get {@code <service-unavailable/>}; presence is ignored.
 */
@ApplicationScoped
public class PubSubService implements LocalService {

    static final String SUBDOMAIN = "pubsub.";
    private static final Logger LOG = Logger.getLogger(PubSubService.class.getName());
    private static final XmlName INFO = XmlName.of(DiscoInfoHandler.NAMESPACE, "query");
    private static final XmlName ITEMS = XmlName.of(DiscoItemsHandler.NAMESPACE, "query");
    private static final XmlName IDENTITY = XmlName.of(DiscoInfoHandler.NAMESPACE, "identity");
    private static final XmlName FEATURE = XmlName.of(DiscoInfoHandler.NAMESPACE, "feature");
    private static final XmlName ITEM = XmlName.of(DiscoItemsHandler.NAMESPACE, "item");

    /** The XEP-0060 features (§10) the service implements, announced as pubsub#NAME. */
    static final List<String> FEATURES = List.of("access-open", "access-whitelist",
            "config-node", "create-and-configure", "create-nodes", "delete-nodes",
            "instant-nodes", "item-ids", "modify-affiliations", "persistent-items", "publish",
            "publish-options", "publisher-affiliation", "purge-nodes", "retract-items",
            "retrieve-affiliations", "retrieve-default", "retrieve-items",
            "retrieve-subscriptions", "subscribe");

    private ServerConfig config;
    private ServiceActions actions;
    private ServiceOwnerActions ownerActions;
    private PepStore store;

    /** For the container's proxy. */
    protected PubSubService() {
    }

    @Inject
    public PubSubService(ServerConfig config, ServiceActions actions,
            ServiceOwnerActions ownerActions, PepStore store) {
        this.config = config;
        this.actions = actions;
        this.ownerActions = ownerActions;
        this.store = store;
    }

    @Override
    public Optional<Jid> address(String servedDomain) {
        return config.serves(servedDomain) ? Optional.of(Jid.domain(SUBDOMAIN + servedDomain))
                : Optional.empty();
    }

    @Override
    public boolean isAt(String domain) {
        return domain.startsWith(SUBDOMAIN) && config.serves(domain.substring(SUBDOMAIN.length()));
    }

    @Override
    public String name() {
        return "Publish-Subscribe";
    }

    @Override
    public void receive(LocalSession sender, Stanza stanza) {
        if (stanza instanceof Iq iq) {
            handleIq(sender, iq);
        } else if (stanza instanceof Message && !stanza.isError()) {
            sender.send(stanza.errorReply(StanzaErrorCondition.SERVICE_UNAVAILABLE).element());
        }
    }

    private void handleIq(LocalSession sender, Iq iq) {
        if (!iq.isRequest()) {
            return; // the service sends no requests; responses are dropped (RFC 6120 §8.2.3)
        }
        Jid service = iq.to().bare();
        ServiceActions.Outcome outcome;
        try {
            iq.validate();
            Element payload = iq.payload().orElseThrow();
            XmlName name = payload.name();
            if (name.equals(INFO)) {
                outcome = new ServiceActions.Outcome(info(sender.jid(), service, iq, payload));
            } else if (name.equals(ITEMS)) {
                outcome = new ServiceActions.Outcome(items(sender.jid(), service, iq, payload));
            } else if (name.equals(PubSub.PUBSUB)) {
                outcome = actions.pubsub(sender.jid(), service, iq, payload);
            } else if (name.equals(PubSub.PUBSUB_OWNER)) {
                outcome = ownerActions.owner(sender.jid(), service, iq, payload);
            } else {
                throw new StanzaErrorException(StanzaErrorCondition.SERVICE_UNAVAILABLE);
            }
        } catch (StanzaErrorException e) {
            sender.send(errorReply(iq, e.error()));
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "PubSub request of " + sender.jid() + " failed", e);
            sender.send(errorReply(iq, StanzaError.of(StanzaErrorCondition.INTERNAL_SERVER_ERROR)));
            return;
        }
        sender.send(outcome.reply().element());
        outcome.after().run();
    }

    /** disco#info on the service (§5.1) or on one of its nodes (§5.3). */
    private Iq info(Jid requester, Jid service, Iq iq, Element query)
            throws StanzaErrorException {
        getOnly(iq);
        String node = query.attribute("node");
        Element.Builder result = Element.builder(INFO).attribute("node", node);
        if (node == null) {
            result.child(identity("service", name()));
            result.child(feature(DiscoInfoHandler.NAMESPACE));
            result.child(feature(DiscoItemsHandler.NAMESPACE));
            result.child(feature(PubSub.NAMESPACE));
            FEATURES.forEach(f -> result.child(feature(PubSub.NAMESPACE + "#" + f)));
        } else {
            actions.readable(requester, service, node);
            result.child(identity("leaf", null)).child(feature(PubSub.NAMESPACE));
        }
        return iq.result(result.build());
    }

    /** disco#items on the service: its nodes (§5.2); on a node: its item ids (§5.5). */
    private Iq items(Jid requester, Jid service, Iq iq, Element query)
            throws StanzaErrorException {
        getOnly(iq);
        String node = query.attribute("node");
        Element.Builder result = Element.builder(ITEMS).attribute("node", node);
        if (node == null) {
            for (String n : store.nodes(service)) {
                result.child(Element.builder(ITEM).attribute("jid", service.toString())
                        .attribute("node", n).attribute("name", n));
            }
        } else {
            actions.readable(requester, service, node);
            for (StoredItem item : store.items(service, node, null, Set.of())) {
                result.child(Element.builder(ITEM).attribute("jid", service.toString())
                        .attribute("name", item.id()));
            }
        }
        return iq.result(result.build());
    }

    /**
     * The error reply without the request's payload, which RFC 6120 §8.3.1 leaves optional:
     * Smack's pubsub parser fails (with Java assertions on) on an echoed publication whose item
     * holds a payload of another namespace, and then never sees the error.
     */
    private static Element errorReply(Iq iq, StanzaError error) {
        return Iq.builder(iq.element().namespace(), Iq.Type.ERROR).id(iq.id()).from(iq.to())
                .to(iq.from()).child(error.toElement(iq.element().namespace())).build().element();
    }

    private static void getOnly(Iq iq) throws StanzaErrorException {
        if (iq.type() != Iq.Type.GET) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "service discovery is an IQ get");
        }
    }

    private static Element identity(String type, String name) {
        return Element.builder(IDENTITY).attribute("category", "pubsub").attribute("type", type)
                .attribute("name", name).build();
    }

    private static Element feature(String var) {
        return Element.builder(FEATURE).attribute("var", var).build();
    }
}

package im.meerkat.server.pep;

import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The pubsub#owner requests of the PubSub service (XEP-0060), for a node's owners alone ({@code
 * <forbidden/>} for anyone else): the default configuration (§8.3), node configuration (§8.2),
 * deletion (§8.4) and purge (§8.5), both notified to subscribers, subscriptions (§8.8.1) and
 * affiliations (§8.9).
 */
@ApplicationScoped
public class ServiceOwnerActions {

    private ServiceActions actions;
    private PepStore items;
    private ServiceStore members;
    private PepSettings settings;

    /** For the container's proxy. */
    protected ServiceOwnerActions() {
    }

    @Inject
    public ServiceOwnerActions(ServiceActions actions, PepStore items, ServiceStore members,
            PepSettings settings) {
        this.actions = actions;
        this.items = items;
        this.members = members;
        this.settings = settings;
    }

    ServiceActions.Outcome owner(Jid from, Jid service, Iq iq, Element pubsub)
            throws StanzaErrorException {
        Element action = ServiceActions.first(pubsub, PubSub.OWNER);
        boolean set = iq.type() == Iq.Type.SET;
        if (!set && action.localName().equals("default")) {
            return new ServiceActions.Outcome(ownerResult(iq, Element.builder(
                    XmlName.of(PubSub.OWNER, "default"))
                    .child(ConfigForm.form(NodeConfig.SERVICE_DEFAULT)).build()));
        }
        String node = PubSubHandler.node(action);
        NodeConfig config = actions.existing(service, node);
        if (!members.affiliation(service, node, from).map(ServiceStore.OWNER::equals)
                .orElse(false)) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN,
                    "only an owner of the node may do this");
        }
        if (!set) {
            return new ServiceActions.Outcome(switch (action.localName()) {
                case "configure" -> ownerResult(iq, Element.builder(XmlName.of(PubSub.OWNER,
                        "configure")).attribute("node", node).child(ConfigForm.form(config))
                        .build());
                case "subscriptions" -> ownerResult(iq, memberList(node, "subscriptions", true)
                        .apply(members.members(service, node)));
                case "affiliations" -> ownerResult(iq, memberList(node, "affiliations", false)
                        .apply(members.members(service, node)));
                default -> throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST);
            });
        }
        return switch (action.localName()) {
            case "configure" ->
                    new ServiceActions.Outcome(configure(service, node, config, iq, action));
            case "delete" -> delete(service, node, iq);
            case "purge" -> {
                items.purge(service, node);
                List<Jid> to = actions.subscribers(service, node);
                yield new ServiceActions.Outcome(iq.result(), () -> actions.notify(service, to,
                        Element.builder(XmlName.of(PubSub.EVENT, "purge"))
                                .attribute("node", node).build()));
            }
            case "affiliations" -> new ServiceActions.Outcome(affiliate(service, node, iq, action));
            case "subscriptions" -> throw PubSub.unsupported("manage-subscriptions");
            default -> throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST);
        };
    }

    /** §8.2.4: a submitted form changes the configuration; a cancel form changes nothing. */
    private Iq configure(Jid service, String node, NodeConfig current, Iq iq, Element configure)
            throws StanzaErrorException {
        Element x = configure.child(PubSub.X).orElseThrow(() ->
                new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "no form"));
        if ("cancel".equals(x.attribute("type"))) {
            return iq.result();
        }
        NodeConfig changed = ServiceActions.supported(ConfigForm.apply(current,
                ConfigForm.fields(x, PubSub.NODE_CONFIG)));
        if (!items.configure(service, node, changed, settings.maxItems())) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        return iq.result();
    }

    /** §8.4: the node goes with its items; its subscribers are told (§8.4.2). */
    private ServiceActions.Outcome delete(Jid service, String node, Iq iq)
            throws StanzaErrorException {
        List<Jid> to = actions.subscribers(service, node);
        if (!members.delete(service, node)) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        return new ServiceActions.Outcome(iq.result(), () -> actions.notify(service, to,
                Element.builder(XmlName.of(PubSub.EVENT, "delete")).attribute("node", node)
                        .build()));
    }

    /** §8.8.1 and §8.9.1: a node's subscriptions or affiliations, for its owners. */
    private Function<List<ServiceMember>, Element> memberList(String node,
            String local, boolean subscriptions) {
        return all -> {
            Element.Builder list = Element.builder(XmlName.of(PubSub.OWNER, local))
                    .attribute("node", node);
            for (ServiceMember m : all) {
                if (subscriptions && m.subid() != null) {
                    list.child(Element.builder(XmlName.of(PubSub.OWNER, "subscription"))
                            .attribute("jid", m.jid()).attribute("subscription", "subscribed")
                            .attribute("subid", m.subid()));
                } else if (!subscriptions && m.affiliation() != null) {
                    list.child(Element.builder(XmlName.of(PubSub.OWNER, "affiliation"))
                            .attribute("jid", m.jid()).attribute("affiliation", m.affiliation()));
                }
            }
            return list.build();
        };
    }

    /**
     * §8.9.2: sets affiliations {@code owner}, {@code publisher} or {@code none} of bare JIDs;
     * other affiliations are not offered. A change that would leave no owner is refused
     * ({@code <not-acceptable/>}) and nothing changes.
     */
    private Iq affiliate(Jid service, String node, Iq iq, Element request)
            throws StanzaErrorException {
        List<Map.Entry<Jid, String>> changes = new ArrayList<>();
        for (Element a : request.children(XmlName.of(PubSub.OWNER, "affiliation"))) {
            Jid jid = Optional.ofNullable(a.attribute("jid")).flatMap(Jid::tryOf)
                    .orElseThrow(() -> new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                            "an affiliation needs a JID"));
            String value = a.attribute("affiliation");
            if (!ServiceStore.OWNER.equals(value) && !ServiceStore.PUBLISHER.equals(value)
                    && !"none".equals(value)) {
                throw PubSub.unsupported("modify-affiliations");
            }
            changes.add(Map.entry(jid.bare(), value));
        }
        Set<String> owners = new LinkedHashSet<>();
        members.members(service, node).stream()
                .filter(m -> ServiceStore.OWNER.equals(m.affiliation()))
                .forEach(m -> owners.add(m.jid()));
        for (Map.Entry<Jid, String> c : changes) {
            if (ServiceStore.OWNER.equals(c.getValue())) {
                owners.add(c.getKey().toString());
            } else {
                owners.remove(c.getKey().toString());
            }
        }
        if (owners.isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "a node keeps at least one owner");
        }
        for (Map.Entry<Jid, String> c : changes) {
            members.affiliate(service, node, c.getKey(),
                    "none".equals(c.getValue()) ? null : c.getValue());
        }
        return iq.result();
    }

    private static Iq ownerResult(Iq iq, Element child) {
        return iq.result(Element.builder(PubSub.PUBSUB_OWNER).child(child).build());
    }
}

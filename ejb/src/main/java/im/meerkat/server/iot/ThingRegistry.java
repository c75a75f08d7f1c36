package im.meerkat.server.iot;

import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.disco.DiscoInfoHandler;
import im.meerkat.server.disco.DiscoItemsHandler;
import im.meerkat.server.routing.Delivery;
import im.meerkat.server.routing.IqService;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The thing registry of Internet of Things - Discovery (XEP-0347) at {@code registry.<domain>}
 * of each served domain: listed in the server's disco#items, feature {@code
 * urn:xmpp:iot:discovery} in its disco#info (§3.5). A thing registers its meta tags (§3.6; when
 * it is claimed already the answer is {@code <claimed/>} with its owner, §3.7) and unregisters
 * (§3.16); an owner claims a thing by its meta tags (§3.9), the registry telling the thing with
 * {@code <claimed/>}, disowns it (§3.17, the thing is told {@code <disowned/>}) or removes it
 * (§3.10, {@code <removed/>}). Requests to the thing go to each of its sessions; their answers
 * are dropped like every response to the service. Presence to the registry is ignored.
 */
@ApplicationScoped
public class ThingRegistry extends IqService {

    public static final String NAMESPACE = "urn:xmpp:iot:discovery";
    static final String SUBDOMAIN = "registry.";
    private static final XmlName INFO = XmlName.of(DiscoInfoHandler.NAMESPACE, "query");
    private static final XmlName ITEMS = XmlName.of(DiscoItemsHandler.NAMESPACE, "query");

    private ServerConfig config;
    private ThingStore store;
    private SessionRegistry sessions;
    private Delivery delivery;

    /** For the container's proxy. */
    protected ThingRegistry() {
    }

    @Inject
    public ThingRegistry(ServerConfig config, ThingStore store, SessionRegistry sessions,
            Delivery delivery) {
        this.config = config;
        this.store = store;
        this.sessions = sessions;
        this.delivery = delivery;
    }

    @Override
    public Optional<Jid> address(String servedDomain) {
        return config.serves(servedDomain) ? Optional.of(Jid.domain(SUBDOMAIN + servedDomain))
                : Optional.empty();
    }

    @Override
    public String name() {
        return "Thing Registry";
    }

    @Override
    public boolean isAt(String domain) {
        return domain.startsWith(SUBDOMAIN) && config.serves(domain.substring(SUBDOMAIN.length()));
    }

    @Override
    public Iq handle(Jid from, Iq iq) throws StanzaErrorException {
        Element payload = iq.payload().orElseThrow();
        if (payload.is(INFO) || payload.is(ITEMS)) {
            if (iq.type() != Iq.Type.GET || payload.attribute("node") != null) {
                throw new StanzaErrorException(payload.attribute("node") != null
                        ? StanzaErrorCondition.ITEM_NOT_FOUND : StanzaErrorCondition.BAD_REQUEST);
            }
            return iq.result(payload.is(INFO) ? info() : Element.empty(ITEMS));
        }
        if (!payload.namespace().equals(NAMESPACE)) {
            throw new StanzaErrorException(StanzaErrorCondition.SERVICE_UNAVAILABLE);
        }
        // The XEP's examples send every request as an IQ set; Smack sends <register/>, <mine/>,
        // <disown/> and <remove/> as IQ gets. Both are taken: the element says what is asked.
        Jid registry = iq.to().bare();
        return switch (payload.localName()) {
            case "register" -> register(from, iq, payload);
            case "mine" -> claim(from, registry, iq, payload);
            case "disown" -> disown(from, registry, iq, payload);
            case "remove" -> remove(from, registry, iq, payload);
            case "unregister" -> unregister(from, iq, payload);
            default -> throw new StanzaErrorException(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED);
        };
    }

    private Element info() {
        return Element.builder(INFO)
                .child(Element.builder(DiscoInfoHandler.NAMESPACE, "identity")
                        .attribute("category", "component").attribute("type", "generic")
                        .attribute("name", name()))
                .child(feature(DiscoInfoHandler.NAMESPACE))
                .child(feature(NAMESPACE))
                .build();
    }

    private static Element feature(String var) {
        return Element.builder(DiscoInfoHandler.NAMESPACE, "feature").attribute("var", var).build();
    }

    /** §3.6, §3.7: registered, or {@code <claimed/>} naming the owner of a claimed thing. */
    private Iq register(Jid from, Iq iq, Element request) throws StanzaErrorException {
        ThingKey thing = ThingKey.of(from, request);
        Optional<String> owner = store.register(thing, tags(request),
                "true".equals(request.attribute("selfOwned"))
                        || "1".equals(request.attribute("selfOwned")));
        if (owner.isEmpty()) {
            return iq.result();
        }
        return iq.result(thing.nodeAttributes(Element.builder(NAMESPACE, "claimed")
                .attribute("jid", owner.get())).build());
    }

    /** §3.9: the thing with these meta tags becomes the sender's, and is told so. */
    private Iq claim(Jid from, Jid registry, Iq iq, Element request) throws StanzaErrorException {
        Jid owner = from.bare();
        ThingKey thing = store.claim(tags(request), owner.toString()).orElseThrow(
                () -> new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND,
                        "no unclaimed thing has these meta tags"));
        tell(registry, thing, Element.builder(NAMESPACE, "claimed")
                .attribute("jid", owner.toString()));
        return iq.result(thing.nodeAttributes(Element.builder(NAMESPACE, "claimed")
                .attribute("jid", thing.jid().toString())).build());
    }

    /** §3.17: the owner gives the thing up, and the thing is told. */
    private Iq disown(Jid from, Jid registry, Iq iq, Element request) throws StanzaErrorException {
        ThingKey thing = ThingKey.of(thingJid(request), request);
        check(store.disown(thing, from.bare().toString()));
        tell(registry, thing, Element.builder(NAMESPACE, "disowned"));
        return iq.result();
    }

    /** §3.10: the owner removes the thing, and the thing is told. */
    private Iq remove(Jid from, Jid registry, Iq iq, Element request) throws StanzaErrorException {
        ThingKey thing = ThingKey.of(thingJid(request), request);
        check(store.remove(thing, from.bare().toString()));
        tell(registry, thing, Element.builder(NAMESPACE, "removed"));
        return iq.result();
    }

    /** §3.16: the thing leaves the registry. */
    private Iq unregister(Jid from, Iq iq, Element request) throws StanzaErrorException {
        if (!store.unregister(ThingKey.of(from, request))) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND,
                    "the thing is not registered");
        }
        return iq.result();
    }

    private static void check(ThingStore.Outcome outcome) throws StanzaErrorException {
        switch (outcome) {
            case NOT_FOUND -> throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND,
                    "the thing is not registered");
            case NOT_OWNER -> throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN,
                    "only the owner of the thing may do that");
            case DONE -> { }
        }
    }

    private static Jid thingJid(Element request) throws StanzaErrorException {
        String jid = request.attribute("jid");
        return Jid.tryOf(jid == null ? "" : jid).filter(j -> j.localOrNull() != null)
                .map(Jid::bare).orElseThrow(() -> new StanzaErrorException(
                        StanzaErrorCondition.BAD_REQUEST, "the request needs the thing's JID"));
    }

    /** The meta tags of a request: at least one, each valid (§5.2). */
    private static List<MetaTag> tags(Element request) throws StanzaErrorException {
        List<MetaTag> tags = new ArrayList<>();
        for (Element child : request.elements()) {
            tags.add(MetaTag.of(child));
        }
        if (tags.isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "the request holds no meta tags");
        }
        return tags;
    }

    /** An IQ set from the registry to each session of the thing's account. */
    private void tell(Jid registry, ThingKey thing, Element.Builder payload) {
        if (!config.serves(thing.jid().domain())) {
            return;
        }
        Element element = thing.nodeAttributes(payload).build();
        for (SessionRecord record : sessions.records(thing.jid())) {
            delivery.deliver(Iq.builder(Iq.Type.SET).id(UUID.randomUUID().toString())
                    .from(registry).to(thing.jid().withResource(record.resource()))
                    .child(element).build());
        }
    }
}

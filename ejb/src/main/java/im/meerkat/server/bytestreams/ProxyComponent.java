package im.meerkat.server.bytestreams;

import im.meerkat.connector.api.BytestreamActivation;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.config.Settings;
import im.meerkat.server.disco.DiscoInfoHandler;
import im.meerkat.server.disco.DiscoItemsHandler;
import im.meerkat.server.routing.IqService;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SOCKS5 Bytestreams proxy service (XEP-0065 §6) at {@code proxy.<domain>} of each served
 * domain: listed in the server's disco#items, identity {@code proxy/bytestreams} in its
 * disco#info (§6.2), its stream host on request (§6.3.1), and the activation of a stream by its
 * initiator (§6.3.3), which the node's relay then carries.
 *
 * <p>In a cluster every node answers for {@code proxy.<domain>} with its own relay: a client's
 * requests are handled on the node it is connected to, so the initiator learns that node's
 * stream host and its activation reaches the node that holds the two sockets.
 */
@ApplicationScoped
public class ProxyComponent extends IqService {

    public static final String NAMESPACE = "http://jabber.org/protocol/bytestreams";
    static final String SUBDOMAIN = "proxy.";
    private static final XmlName QUERY = XmlName.of(NAMESPACE, "query");
    private static final XmlName STREAMHOST = XmlName.of(NAMESPACE, "streamhost");
    private static final XmlName ACTIVATE = XmlName.of(NAMESPACE, "activate");
    private static final XmlName INFO = XmlName.of(DiscoInfoHandler.NAMESPACE, "query");
    private static final XmlName ITEMS = XmlName.of(DiscoItemsHandler.NAMESPACE, "query");

    private ServerConfig config;
    private BytestreamRelay relay;
    private String configuredHost;

    /** For the container's proxy. */
    protected ProxyComponent() {
    }

    @Inject
    public ProxyComponent(ServerConfig config, BytestreamRelay relay) {
        this(config, relay, Settings::lookup);
    }

    /** For tests: settings from any source. */
    public ProxyComponent(ServerConfig config, BytestreamRelay relay,
            Function<String, String> settings) {
        this.config = config;
        this.relay = relay;
        String host = settings.apply("meerkat.proxy65.host");
        this.configuredHost = host == null || host.isBlank() ? null : host.trim();
    }

    @Override
    public Optional<Jid> address(String servedDomain) {
        return relay.address().isEmpty() ? Optional.empty()
                : Optional.of(Jid.domain(SUBDOMAIN + servedDomain));
    }

    @Override
    public String name() {
        return "SOCKS5 Bytestreams";
    }

    @Override
    public boolean isAt(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        return lower.startsWith(SUBDOMAIN) && config.serves(lower.substring(SUBDOMAIN.length()))
                && relay.address().isPresent();
    }

    @Override
    public Iq handle(Jid from, Iq iq) throws StanzaErrorException {
        Element payload = iq.payload().orElseThrow();
        if (payload.is(INFO) && iq.type() == Iq.Type.GET) {
            return iq.result(info(payload));
        }
        if (payload.is(ITEMS) && iq.type() == Iq.Type.GET) {
            if (payload.attribute("node") != null) {
                throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
            }
            return iq.result(Element.empty(ITEMS));
        }
        if (payload.is(QUERY)) {
            return iq.type() == Iq.Type.GET ? iq.result(streamHost(iq.to())) : activate(from, iq, payload);
        }
        throw new StanzaErrorException(StanzaErrorCondition.SERVICE_UNAVAILABLE);
    }

    private static Element info(Element request) throws StanzaErrorException {
        if (request.attribute("node") != null) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        XmlName identity = XmlName.of(DiscoInfoHandler.NAMESPACE, "identity");
        XmlName feature = XmlName.of(DiscoInfoHandler.NAMESPACE, "feature");
        return Element.builder(INFO)
                .child(Element.builder(identity).attribute("category", "proxy")
                        .attribute("type", "bytestreams").attribute("name", "SOCKS5 Bytestreams"))
                .child(Element.builder(feature).attribute("var", DiscoInfoHandler.NAMESPACE))
                .child(Element.builder(feature).attribute("var", NAMESPACE))
                .build();
    }

    /** §6.3.1: the network address of the stream host. */
    private Element streamHost(Jid service) throws StanzaErrorException {
        InetSocketAddress address = relay.address().orElseThrow(
                () -> new StanzaErrorException(StanzaErrorCondition.SERVICE_UNAVAILABLE));
        return Element.builder(QUERY)
                .child(Element.builder(STREAMHOST).attribute("jid", service.toString())
                        .attribute("host", advertisedHost(address))
                        .attribute("port", String.valueOf(address.getPort())))
                .build();
    }

    private String advertisedHost(InetSocketAddress address) {
        if (configuredHost != null) {
            return configuredHost;
        }
        InetAddress bound = address.getAddress();
        if (bound != null && !bound.isAnyLocalAddress()) {
            return bound.getHostAddress();
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return address.getHostString();
        }
    }

    /**
     * §6.3.3: the initiator names the session and the target; the relay knows the pair by
     * SHA-1(SID + initiator JID + target JID) (§5.3.2). A request from anyone but the initiator
     * computes another hash, which names no pair.
     */
    private Iq activate(Jid initiator, Iq iq, Element query) throws StanzaErrorException {
        String sid = query.attribute("sid");
        Optional<Element> activate = query.child(ACTIVATE);
        if (sid == null || sid.isEmpty() || activate.isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "activation needs a sid and an <activate/> JID");
        }
        Jid target = Jid.tryOf(activate.get().text().trim()).orElseThrow(
                () -> new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                        "<activate/> holds no valid JID"));
        BytestreamActivation outcome = relay.activate(destination(sid, initiator, target));
        return switch (outcome) {
            case ACTIVATED -> iq.result();
            case NO_SUCH_STREAM -> throw new StanzaErrorException(
                    StanzaErrorCondition.ITEM_NOT_FOUND, "no such stream from this initiator");
            case ONE_PARTY_ONLY -> throw new StanzaErrorException(
                    StanzaErrorCondition.NOT_ALLOWED, "only one party is connected");
            case ALREADY_ACTIVE -> throw new StanzaErrorException(
                    StanzaErrorCondition.NOT_ALLOWED, "the stream is active already");
            case NO_PROXY -> throw new StanzaErrorException(
                    StanzaErrorCondition.SERVICE_UNAVAILABLE);
        };
    }

    /** The SOCKS5 destination of a stream: hex SHA-1 of SID, initiator and target (§5.3.2). */
    static String destination(String sid, Jid initiator, Jid target) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((sid + initiator + target)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing", e);
        }
    }
}

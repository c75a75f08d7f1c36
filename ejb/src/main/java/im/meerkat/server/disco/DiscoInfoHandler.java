package im.meerkat.server.disco;

import im.meerkat.server.adhoc.AdhocCommandHandler;
import im.meerkat.server.adhoc.AdminCommands;
import im.meerkat.server.adhoc.DataForm;
import im.meerkat.server.caps.CapsHash;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.iq.IqDispatcher;
import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.server.iq.IqScope;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import im.meerkat.xmpp.jid.Jid;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * disco#info on the server (XEP-0030 §3.1): the identity {@code server/im} and the features of
 * every IQ handler that answers for the server. On the command nodes (XEP-0050 §2.2, §2.3) it
 * describes the command list and each command, to administrators.
 */
@ApplicationScoped
public class DiscoInfoHandler implements IqHandler {

    public static final String NAMESPACE = "http://jabber.org/protocol/disco#info";
    /** The node URI the server names itself by in its entity capabilities (XEP-0115 §4). */
    public static final String CAPS_NODE = "urn:meerkat:server";
    private static final XmlName QUERY = XmlName.of(NAMESPACE, "query");
    private static final XmlName IDENTITY = XmlName.of(NAMESPACE, "identity");
    private static final XmlName FEATURE = XmlName.of(NAMESPACE, "feature");

    private Provider<IqDispatcher> dispatcher;
    private AdminCommands commands;
    private ServerConfig config;
    private Iterable<ServerFeatures> extraFeatures;
    private Iterable<AccountDisco> accountDisco = List.of();

    /** For the container's proxy. */
    protected DiscoInfoHandler() {
    }

    /** For tests: the features of the IQ handlers only. */
    public DiscoInfoHandler(Provider<IqDispatcher> dispatcher, AdminCommands commands,
            ServerConfig config) {
        this(dispatcher, commands, config, List.of());
    }

    /** The dispatcher comes through a provider: it holds this handler too. */
    @Inject
    public DiscoInfoHandler(Provider<IqDispatcher> dispatcher, AdminCommands commands,
            ServerConfig config, @Any Instance<ServerFeatures> extraFeatures) {
        this(dispatcher, commands, config, (Iterable<ServerFeatures>) extraFeatures);
    }

    /** For tests: with features that no handler stands for. */
    public DiscoInfoHandler(Provider<IqDispatcher> dispatcher, AdminCommands commands,
            ServerConfig config, Iterable<ServerFeatures> extraFeatures) {
        this.dispatcher = dispatcher;
        this.commands = commands;
        this.config = config;
        this.extraFeatures = extraFeatures;
    }

    /** Features that add to disco on accounts (PEP). */
    @Inject
    public void useAccountDisco(@Any Instance<AccountDisco> providers) {
        this.accountDisco = providers;
    }

    @Override
    public XmlName payload() {
        return QUERY;
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (request.isSet()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "disco#info is an IQ get");
        }
        String node = request.payload().attribute("node");
        if (request.scope() == IqScope.OWN_ACCOUNT && request.iq().to() != null) {
            return accountInfo(request, request.from().bare(), node);
        }
        if (request.scope() == IqScope.OTHER_ACCOUNT) {
            return accountInfo(request, request.iq().to().bare(), node);
        }
        Element.Builder query = Element.builder(QUERY).attribute("node", node);
        if (node == null) {
            return request.iq().result(serverInfo());
        } else if (isOwnCapsNode(node)) {
            // XEP-0115 §6.2: the same description on node#ver
            return request.iq().result(Element.builder(QUERY).attribute("node", node)
                    .children(serverInfo().elements()).build());
        } else if (config.isAdmin(request.from()) && node.equals(AdhocCommandHandler.NAMESPACE)) {
            query.child(identity("automation", "command-list", "Commands"));
        } else if (config.isAdmin(request.from()) && commands.byNode(node).isPresent()) {
            query.child(identity("automation", "command-node", commands.byNode(node).get().name()))
                    .child(feature(AdhocCommandHandler.NAMESPACE))
                    .child(feature(DataForm.NAMESPACE));
        } else if (request.scope() == IqScope.OWN_ACCOUNT) {
            // RFC 6120 §10.3.3: a node the server does not have may be one of the account's
            return accountInfo(request, request.from().bare(), node);
        } else {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        return request.iq().result(query.build());
    }

    /** The server's disco#info {@code <query/>} without a node (XEP-0030 §3.1). */
    public Element serverInfo() {
        Element.Builder query = Element.builder(QUERY);
        query.child(identity("server", "im", "Meerkat"));
        extraFeatures.forEach(f -> query.children(f.identities()));
        Set<String> features = new TreeSet<>(dispatcher.get().serverFeatures());
        extraFeatures.forEach(f -> features.addAll(f.features()));
        for (String feature : features) {
            query.child(feature(feature));
        }
        return query.build();
    }

    private boolean isOwnCapsNode(String node) {
        return node.startsWith(CAPS_NODE + "#") && CapsHash.ver(serverInfo())
                .map(ver -> node.equals(CAPS_NODE + "#" + ver)).orElse(false);
    }

    /** disco#info on an account's bare JID: the account and its features, or one of its nodes. */
    private Iq accountInfo(IqRequest request, Jid account, String node)
            throws StanzaErrorException {
        if (node != null) {
            for (AccountDisco provider : accountDisco) {
                Optional<List<Element>> info = provider.nodeInfo(request.from().bare(), account,
                        node);
                if (info.isPresent()) {
                    return request.iq().result(Element.builder(QUERY).attribute("node", node)
                            .children(info.get()).build());
                }
            }
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        }
        Element.Builder query = Element.builder(QUERY)
                .child(identity("account", "registered", null));
        accountDisco.forEach(provider -> query.children(provider.identities()));
        query.child(feature(NAMESPACE));
        for (String feature : dispatcher.get().accountFeatures()) {
            query.child(feature(feature));
        }
        return request.iq().result(query.build());
    }

    /** Also on accounts' bare JIDs (RFC 6120 §10.5.3.3); without a to, the server. */
    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.SERVER, IqScope.OWN_ACCOUNT, IqScope.OTHER_ACCOUNT);
    }

    private static Element identity(String category, String type, String name) {
        return Element.builder(IDENTITY).attribute("category", category)
                .attribute("type", type).attribute("name", name).build();
    }

    private static Element feature(String var) {
        return Element.builder(FEATURE).attribute("var", var).build();
    }

    /** disco#info lists itself among the features (XEP-0030 §3.1). */
    @Override
    public Set<String> features() {
        return Set.of(NAMESPACE);
    }
}

package im.meerkat.server.disco;

import im.meerkat.server.adhoc.AdhocCommandHandler;
import im.meerkat.server.adhoc.AdminCommand;
import im.meerkat.server.adhoc.AdminCommands;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import im.meerkat.server.iq.IqScope;
import im.meerkat.server.routing.LocalService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * disco#items on the server (XEP-0030 §4): at the top the hosted services ({@link LocalService}:
 * HTTP File Upload, the SOCKS5 proxy, the PubSub service), and on the
 * node {@code http://jabber.org/protocol/commands} the commands (XEP-0050 §2.2), which only
 * administrators see; anyone else gets an empty list. On an account's bare JID, the items
 * {@link AccountDisco} beans list (PEP nodes, XEP-0163 §6).
 */
@ApplicationScoped
public class DiscoItemsHandler implements IqHandler {

    public static final String NAMESPACE = "http://jabber.org/protocol/disco#items";
    private static final XmlName QUERY = XmlName.of(NAMESPACE, "query");
    private static final XmlName ITEM = XmlName.of(NAMESPACE, "item");

    private AdminCommands commands;
    private ServerConfig config;
    private Iterable<AccountDisco> accountDisco = List.of();
    private Iterable<LocalService> services = List.of();

    /** For the container's proxy. */
    protected DiscoItemsHandler() {
    }

    @Inject
    public DiscoItemsHandler(AdminCommands commands, ServerConfig config) {
        this.commands = commands;
        this.config = config;
    }

    /** Features that add items to accounts (PEP nodes). */
    @Inject
    public void useAccountDisco(@Any Instance<AccountDisco> providers) {
        this.accountDisco = providers;
    }

    /** Services at addresses of their own (HTTP File Upload), listed as the domain's items. */
    @Inject
    public void useServices(@Any Instance<LocalService> providers) {
        this.services = providers;
    }

    /** For tests: these services. */
    public void useServices(List<LocalService> providers) {
        this.services = List.copyOf(providers);
    }

    /**
     * Also on accounts' bare JIDs (RFC 6120 §10.5.3.3); without a to, the own account, or the
     * server for a node.
     */
    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.SERVER, IqScope.OWN_ACCOUNT, IqScope.OTHER_ACCOUNT);
    }

    @Override
    public XmlName payload() {
        return QUERY;
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (request.isSet()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "disco#items is an IQ get");
        }
        String node = request.payload().attribute("node");
        Element.Builder query = Element.builder(QUERY).attribute("node", node);
        boolean toAccount = request.iq().to() != null
                // RFC 6120 §10.3.3: without a to, the own account's items (its PEP nodes);
                // the server's command list stays reachable by its node
                || (request.scope() == IqScope.OWN_ACCOUNT && node == null);
        if (request.scope() != IqScope.SERVER && toAccount) {
            if (node != null) {
                throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
            }
            Jid account = request.iq().to() != null ? request.iq().to().bare()
                    : request.from().bare();
            accountDisco.forEach(p -> query.children(p.items(request.from().bare(), account)));
            return request.iq().result(query.build());
        }
        if (AdhocCommandHandler.NAMESPACE.equals(node)) {
            if (config.isAdmin(request.from())) {
                Jid server = request.iq().to() != null ? request.iq().to().domainJid()
                        : request.from().domainJid();
                for (AdminCommand c : commands.all()) {
                    query.child(Element.builder(ITEM).attribute("jid", server.toString())
                            .attribute("node", c.node()).attribute("name", c.name()));
                }
            }
        } else if (node != null) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND);
        } else {
            String domain = request.iq().to() != null ? request.iq().to().domain()
                    : request.from().domain();
            for (LocalService service : services) {
                service.address(domain).ifPresent(a -> query.child(Element.builder(ITEM)
                        .attribute("jid", a.toString()).attribute("name", service.name())));
            }
        }
        return request.iq().result(query.build());
    }
}

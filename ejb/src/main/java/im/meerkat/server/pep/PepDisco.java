package im.meerkat.server.pep;

import im.meerkat.server.disco.AccountDisco;
import im.meerkat.server.disco.DiscoInfoHandler;
import im.meerkat.server.disco.DiscoItemsHandler;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Service discovery of the PEP service at an account (XEP-0163 §6, XEP-0060 §5): the identity
 * {@code pubsub/pep} in the account's disco#info, its nodes in disco#items (those the requester
 * may read), and {@code pubsub/leaf} in disco#info on a node.
 */
@ApplicationScoped
public class PepDisco implements AccountDisco {

    private static final XmlName IDENTITY = XmlName.of(DiscoInfoHandler.NAMESPACE, "identity");
    private static final XmlName FEATURE = XmlName.of(DiscoInfoHandler.NAMESPACE, "feature");
    private static final XmlName ITEM = XmlName.of(DiscoItemsHandler.NAMESPACE, "item");

    private PepStore store;
    private PepAccess access;

    /** For the container's proxy. */
    protected PepDisco() {
    }

    @Inject
    public PepDisco(PepStore store, PepAccess access) {
        this.store = store;
        this.access = access;
    }

    @Override
    public List<Element> identities() {
        return List.of(identity("pep"));
    }

    @Override
    public List<Element> items(Jid requester, Jid account) {
        List<Element> items = new ArrayList<>();
        for (String node : store.nodes(account)) {
            boolean visible = requester.equals(account.bare()) || store.node(account, node)
                    .map(c -> access.mayRead(account, requester, c)).orElse(false);
            if (visible) {
                items.add(Element.builder(ITEM).attribute("jid", account.bare().toString())
                        .attribute("node", node).build());
            }
        }
        return items;
    }

    @Override
    public Optional<List<Element>> nodeInfo(Jid requester, Jid account, String node)
            throws StanzaErrorException {
        Optional<NodeConfig> config = store.node(account, node);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        access.checkRead(account, requester, config.get());
        return Optional.of(List.of(identity("leaf"),
                Element.builder(FEATURE).attribute("var", PubSub.NAMESPACE).build()));
    }

    private static Element identity(String type) {
        return Element.builder(IDENTITY).attribute("category", "pubsub").attribute("type", type)
                .build();
    }
}

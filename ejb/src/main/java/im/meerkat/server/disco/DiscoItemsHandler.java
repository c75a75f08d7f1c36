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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * disco#items on the server (XEP-0030 §4): no items yet at the top (no components), and on the
 * node {@code http://jabber.org/protocol/commands} the commands (XEP-0050 §2.2), which only
 * administrators see; anyone else gets an empty list.
 */
@ApplicationScoped
public class DiscoItemsHandler implements IqHandler {

    public static final String NAMESPACE = "http://jabber.org/protocol/disco#items";
    private static final XmlName QUERY = XmlName.of(NAMESPACE, "query");
    private static final XmlName ITEM = XmlName.of(NAMESPACE, "item");

    private AdminCommands commands;
    private ServerConfig config;

    /** For the container's proxy. */
    protected DiscoItemsHandler() {
    }

    @Inject
    public DiscoItemsHandler(AdminCommands commands, ServerConfig config) {
        this.commands = commands;
        this.config = config;
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
        }
        return request.iq().result(query.build());
    }
}

package im.meerkat.server.disco;

import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import java.util.List;
import java.util.Optional;

/**
 * What a feature adds to service discovery on an account's bare JID (XEP-0030 §3, §4), which the
 * server answers on the account's behalf: identities besides {@code account/registered}, items,
 * and the nodes of the account it knows, such as PEP nodes (XEP-0163 §6, XEP-0060 §5). Every
 * bean of this type is asked. Elements are in the disco#info or disco#items namespace.
 */
public interface AccountDisco {

    /** Identities of every account, e.g. {@code pubsub/pep}. */
    List<Element> identities();

    /** The items of the account that the requester (a bare JID) may see. */
    List<Element> items(Jid requester, Jid account);

    /**
     * The identities and features of a node of the account, or empty when this feature has no
     * such node.
     *
     * @throws StanzaErrorException when the requester may not see the node
     */
    Optional<List<Element>> nodeInfo(Jid requester, Jid account, String node)
            throws StanzaErrorException;
}

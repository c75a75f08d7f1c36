package im.meerkat.server.blocking;

import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.server.iq.IqScope;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The three requests of XEP-0191 §4.2 to §4.5, one IQ handler each ({@code <blocklist/>},
 * {@code <block/>}, {@code <unblock/>}), answered for the requester's own account. Every item is
 * read before anything changes: one bad JID refuses the whole request with
 * {@code <jid-malformed/>}.
 */
public abstract class BlockingHandlers implements IqHandler {

    public static final String NAMESPACE = "urn:xmpp:blocking";
    static final XmlName BLOCKLIST = XmlName.of(NAMESPACE, "blocklist");
    static final XmlName BLOCK = XmlName.of(NAMESPACE, "block");
    static final XmlName UNBLOCK = XmlName.of(NAMESPACE, "unblock");
    static final XmlName ITEM = XmlName.of(NAMESPACE, "item");

    BlockingHandlers() {
    }

    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.OWN_ACCOUNT);
    }

    /** The JIDs of the payload's items. */
    static List<Jid> items(Element payload) throws StanzaErrorException {
        List<Jid> jids = new ArrayList<>();
        for (Element item : payload.children(ITEM)) {
            String text = item.attribute("jid");
            Jid jid = Jid.tryOf(text).orElseThrow(() -> new StanzaErrorException(
                    StanzaErrorCondition.JID_MALFORMED, "not a valid JID: " + text));
            if (!jids.contains(jid)) {
                jids.add(jid);
            }
        }
        return jids;
    }

    static void requireSet(IqRequest request) throws StanzaErrorException {
        if (!request.isSet()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    request.payload().localName() + " is an IQ set");
        }
    }
}

package im.meerkat.server.ping;

import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.server.iq.IqScope;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * XMPP Ping (XEP-0199 §4.3): a client pings the server, or its own bare JID, with {@code <ping
 * xmlns='urn:xmpp:ping'/>} in an IQ get and receives an empty result.
 */
@ApplicationScoped
public class PingHandler implements IqHandler {

    public static final String NAMESPACE = "urn:xmpp:ping";
    private static final XmlName PING = XmlName.of(NAMESPACE, "ping");

    @Override
    public XmlName payload() {
        return PING;
    }

    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.SERVER, IqScope.OWN_ACCOUNT);
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (request.isSet()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "ping is an IQ get");
        }
        return request.iq().result();
    }
}

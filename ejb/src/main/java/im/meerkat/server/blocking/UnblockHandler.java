package im.meerkat.server.blocking;

import im.meerkat.server.iq.IqRequest;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code <unblock/>} set: the items given (XEP-0191 §4.4), or all of them when none is (§4.5). */
@ApplicationScoped
public class UnblockHandler extends BlockingHandlers {

    private BlockingService blocking;

    /** For the container's proxy. */
    protected UnblockHandler() {
    }

    @Inject
    public UnblockHandler(BlockingService blocking) {
        this.blocking = blocking;
    }

    @Override
    public XmlName payload() {
        return UNBLOCK;
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        requireSet(request);
        blocking.unblock(request.sender(), items(request.payload()));
        return request.iq().result();
    }
}

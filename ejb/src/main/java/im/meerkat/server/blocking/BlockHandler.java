package im.meerkat.server.blocking;

import im.meerkat.server.iq.IqRequest;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** {@code <block/>} set (XEP-0191 §4.3): one or more items; none is {@code <bad-request/>}. */
@ApplicationScoped
public class BlockHandler extends BlockingHandlers {

    private BlockingService blocking;

    /** For the container's proxy. */
    protected BlockHandler() {
    }

    @Inject
    public BlockHandler(BlockingService blocking) {
        this.blocking = blocking;
    }

    @Override
    public XmlName payload() {
        return BLOCK;
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        requireSet(request);
        List<Jid> items = items(request.payload());
        if (items.isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "a block command needs at least one item");
        }
        blocking.block(request.sender(), items);
        return request.iq().result();
    }
}

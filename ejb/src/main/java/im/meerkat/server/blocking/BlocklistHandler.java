package im.meerkat.server.blocking;

import im.meerkat.server.iq.IqRequest;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code <blocklist/>} get (XEP-0191 §4.2): the user's blocked JIDs, an empty list when none.
 * From then on the session receives block and unblock pushes.
 */
@ApplicationScoped
public class BlocklistHandler extends BlockingHandlers {

    private BlockLists lists;
    private BlocklistRequests requests;

    /** For the container's proxy. */
    protected BlocklistHandler() {
    }

    @Inject
    public BlocklistHandler(BlockLists lists, BlocklistRequests requests) {
        this.lists = lists;
        this.requests = requests;
    }

    @Override
    public XmlName payload() {
        return BLOCKLIST;
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (request.isSet()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "the block list is read with an IQ get");
        }
        requests.requested(request.sender());
        BlockList list = lists.of(request.from().bare());
        return request.iq().result(Element.builder(BLOCKLIST)
                .children(BlockingService.itemElements(list.items())).build());
    }
}

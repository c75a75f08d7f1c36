package im.meerkat.server.mam;

import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.server.iq.IqScope;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Archive metadata (XEP-0313 §7): the id and time of the oldest and newest message of the
 * requester's archive, or an empty {@code <metadata/>} when it holds none.
 */
@ApplicationScoped
public class MamMetadataHandler implements IqHandler {

    static final XmlName METADATA = XmlName.of(MamQueryHandler.NAMESPACE, "metadata");

    private ArchiveStore store;
    private ArchiveWriter writer;

    /** For the container's proxy. */
    protected MamMetadataHandler() {
    }

    @Inject
    public MamMetadataHandler(ArchiveStore store, ArchiveWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    @Override
    public XmlName payload() {
        return METADATA;
    }

    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.OWN_ACCOUNT);
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (request.isSet()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "metadata is an IQ get");
        }
        writer.awaitWritten(MamQueryHandler.WRITER_STALL_MILLIS);
        Optional<long[]> bounds;
        try {
            bounds = store.bounds(request.from().bare().toString());
        } catch (SQLException e) {
            throw new StanzaErrorException(StanzaErrorCondition.INTERNAL_SERVER_ERROR);
        }
        Element.Builder metadata = Element.builder(METADATA);
        bounds.ifPresent(b -> metadata.child(bound("start", b[0])).child(bound("end", b[1])));
        return request.iq().result(metadata.build());
    }

    private static Element bound(String name, long id) {
        return Element.builder(MamQueryHandler.NAMESPACE, name).attribute("id", Long.toString(id))
                .attribute("timestamp", ArchiveIds.time(id).toString()).build();
    }
}

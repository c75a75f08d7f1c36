package im.meerkat.server.mam;

import im.meerkat.server.adhoc.DataForm;
import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.server.iq.IqScope;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Queries of the requester's own archive (XEP-0313 §4): a get returns the query form (§4.1.5),
 * a set sends each result as a {@code <message/>} with {@code <result/>} and
 * {@code <forwarded/>} (XEP-0297) and then answers with {@code <fin/>} and its result set
 * (XEP-0059). Before reading, it waits for the archive writer to write the rows queued before
 * the query, so that the messages the requester has just exchanged are found.
 */
@ApplicationScoped
public class MamQueryHandler implements IqHandler {

    public static final String NAMESPACE = "urn:xmpp:mam:2";
    /** The before-id, after-id and ids fields and flipped pages (XEP-0313 §8). */
    public static final String EXTENDED = NAMESPACE + "#extended";
    static final XmlName QUERY = XmlName.of(NAMESPACE, "query");
    private static final String FORWARD = "urn:xmpp:forward:0";
    private static final String DELAY = "urn:xmpp:delay";
    /** How long the query waits for an archive writer that makes no progress. */
    static final long WRITER_STALL_MILLIS = 2000;
    private static final Logger LOG = Logger.getLogger(MamQueryHandler.class.getName());
    private static final XmlDocumentParser STORED = new XmlDocumentParser(
            new ParserLimits(16 * 1024 * 1024, 128, 256));

    private ArchiveStore store;
    private ArchiveWriter writer;
    private MamSettings settings;

    /** For the container's proxy. */
    protected MamQueryHandler() {
    }

    @Inject
    public MamQueryHandler(ArchiveStore store, ArchiveWriter writer, MamSettings settings) {
        this.store = store;
        this.writer = writer;
        this.settings = settings;
    }

    @Override
    public XmlName payload() {
        return QUERY;
    }

    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.OWN_ACCOUNT);
    }

    @Override
    public Set<String> accountFeatures() {
        return Set.of(NAMESPACE, EXTENDED, StanzaIds.NAMESPACE);
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (!request.isSet()) {
            return request.iq().result(Element.builder(QUERY).child(form()).build());
        }
        String owner = request.from().bare().toString();
        Element query = request.payload();
        ArchiveQuery q = QueryParser.parse(owner, query, settings.maxPage());
        writer.awaitWritten(WRITER_STALL_MILLIS);
        ArchiveStore.Page page;
        try {
            for (long id : QueryParser.referencedIds(query)) {
                if (!store.contains(owner, id)) {
                    throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND,
                            "no message " + id + " in the archive");
                }
            }
            page = store.query(q);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "archive query of " + owner + " failed", e);
            throw new StanzaErrorException(StanzaErrorCondition.INTERNAL_SERVER_ERROR);
        }
        List<ArchiveStore.Stored> items = page.items();
        if (q.flip()) {
            items = new ArrayList<>(items);
            Collections.reverse(items); // XEP-0313 §4.1.4.3: the page in reverse order
        }
        String queryId = query.attribute("queryid");
        for (ArchiveStore.Stored item : items) {
            request.sender().send(result(request, owner, queryId, item));
        }
        return request.iq().result(fin(page, items));
    }

    private static Element result(IqRequest request, String owner, String queryId,
            ArchiveStore.Stored item) throws StanzaErrorException {
        Element original;
        try {
            original = STORED.parse(item.xml());
        } catch (StreamErrorException e) {
            LOG.log(Level.WARNING, "archived message " + item.id() + " is not well-formed", e);
            throw new StanzaErrorException(StanzaErrorCondition.INTERNAL_SERVER_ERROR);
        }
        Element forwarded = Element.builder(FORWARD, "forwarded")
                .child(Element.builder(DELAY, "delay")
                        .attribute("stamp", ArchiveIds.time(item.id()).toString()))
                .child(original).build();
        return Element.builder(Namespaces.CLIENT, "message")
                .attribute("to", request.from().toString()).attribute("from", owner)
                .attribute("id", UUID.randomUUID().toString())
                .child(Element.builder(NAMESPACE, "result").attribute("queryid", queryId)
                        .attribute("id", Long.toString(item.id())).child(forwarded))
                .build();
    }

    static Element fin(ArchiveStore.Page page, List<ArchiveStore.Stored> items) {
        Element.Builder set = Element.builder(QueryParser.SET);
        if (!items.isEmpty()) {
            long firstIndex = page.firstIndex();
            set.child(Element.builder(QueryParser.RSM, "first")
                    .attribute("index", firstIndex == ArchiveStore.UNKNOWN ? null : Long.toString(firstIndex))
                    .text(Long.toString(items.get(0).id())));
            set.child(XmlName.of(QueryParser.RSM, "last"),
                    Long.toString(items.get(items.size() - 1).id()));
        }
        if (page.count() != ArchiveStore.UNKNOWN) {
            // XEP-0059 §2.1: SHOULD, not MUST; a range over the count limit goes without
            set.child(XmlName.of(QueryParser.RSM, "count"), Long.toString(page.count()));
        }
        return Element.builder(NAMESPACE, "fin")
                .attribute("complete", page.complete() ? "true" : null).child(set).build();
    }

    /** The query form (XEP-0313 §4.1.5). */
    static Element form() {
        return DataForm.builder("form").formType(NAMESPACE)
                .field("jid-single", "with", null, false)
                .field("text-single", "start", null, false)
                .field("text-single", "end", null, false)
                .field("text-single", "after-id", null, false)
                .field("text-single", "before-id", null, false)
                .field("list-multi", "ids", null, false)
                .build();
    }
}

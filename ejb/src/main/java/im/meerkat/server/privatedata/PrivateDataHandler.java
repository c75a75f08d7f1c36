package im.meerkat.server.privatedata;

import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.server.iq.IqScope;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Private XML Storage (XEP-0049 §2). The {@code <query xmlns='jabber:iq:private'/>} holds one
 * element; its qualified name identifies the chunk. A set stores it (several children: each,
 * all or none), replacing a chunk of the same name; a get returns it, or the empty element when
 * nothing is stored, as existing servers do and clients expect. Only the requester's own storage
 * is reachable: a request addressed to another account or to the server is {@code <forbidden/>}
 * (§2.3, §3). A query without a child is {@code <not-acceptable/>} (§2.3); so is a chunk in
 * {@code jabber:client}, {@code jabber:server}, {@code jabber:iq:private} or no namespace (§3,
 * and the schema's {@code ##other}), one larger than {@link PrivateDataSettings#maxBytes()} or
 * one with an over-long name. A get naming more than one element, which §2.3 forbids clients,
 * is {@code <bad-request/>}.
 */
@ApplicationScoped
public class PrivateDataHandler implements IqHandler {

    public static final String NAMESPACE = "jabber:iq:private";
    private static final XmlName QUERY = XmlName.of(NAMESPACE, "query");
    private static final Set<String> RESERVED = Set.of("", "jabber:client", "jabber:server",
            NAMESPACE);
    /** Keeps the key of table {@code meerkat_private} within every database's index limits. */
    static final int MAX_NAMESPACE_CHARS = 512;
    static final int MAX_LOCAL_NAME_CHARS = 255;

    private static final XmlDocumentParser STORED = new XmlDocumentParser(
            new ParserLimits(64 * 1024 * 1024, 64, 256));

    private PrivateDataStore store;
    private PrivateDataSettings settings;

    /** For the container's proxy. */
    protected PrivateDataHandler() {
    }

    @Inject
    public PrivateDataHandler(PrivateDataStore store, PrivateDataSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public XmlName payload() {
        return QUERY;
    }

    /** Other scopes only so that they get {@code <forbidden/>}, as §2.3 asks. */
    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.SERVER, IqScope.OWN_ACCOUNT, IqScope.OTHER_ACCOUNT);
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (request.scope() != IqScope.OWN_ACCOUNT) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN,
                    "private XML is only for its owner");
        }
        List<Element> chunks = request.payload().elements();
        if (chunks.isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "the query names no element");
        }
        for (Element chunk : chunks) {
            check(chunk.name());
        }
        Jid owner = request.from().bare();
        if (request.isSet()) {
            store.save(owner, serialized(chunks));
            return request.iq().result();
        }
        if (chunks.size() != 1) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "a get names exactly one element");
        }
        XmlName name = chunks.get(0).name();
        Element stored = store.find(owner, name).map(PrivateDataHandler::parse)
                .orElse(Element.empty(name));
        return request.iq().result(Element.builder(QUERY).child(stored).build());
    }

    private Map<XmlName, String> serialized(List<Element> chunks) throws StanzaErrorException {
        Map<XmlName, String> items = new LinkedHashMap<>();
        for (Element chunk : chunks) {
            String xml = chunk.toXml();
            int bytes = xml.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > settings.maxBytes()) {
                throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                        "the element " + chunk.localName() + " has " + bytes
                                + " bytes; at most " + settings.maxBytes() + " are accepted");
            }
            items.put(chunk.name(), xml); // a repeated name: the last one counts
        }
        return items;
    }

    private static void check(XmlName name) throws StanzaErrorException {
        if (RESERVED.contains(name.namespace())) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "private XML needs a namespace of its own, not '" + name.namespace() + "'");
        }
        if (name.namespace().length() > MAX_NAMESPACE_CHARS
                || name.local().length() > MAX_LOCAL_NAME_CHARS) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "namespaces are limited to " + MAX_NAMESPACE_CHARS
                            + " characters, element names to " + MAX_LOCAL_NAME_CHARS);
        }
    }

    private static Element parse(String xml) {
        try {
            return STORED.parse(xml);
        } catch (StreamErrorException e) {
            throw new IllegalStateException("stored private XML is not well-formed", e);
        }
    }
}

package im.meerkat.server.vcard;

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
import java.util.Optional;
import java.util.Set;

/**
 * vCard-temp (XEP-0054). A get without {@code to} or to the own bare JID returns the user's
 * vCard (§3.1), a get to another local bare JID returns that user's vCard, answered by the server
 * on the user's behalf (§3.2); a user who has none gets an empty {@code <vCard/>}, which §3.1
 * allows and clients read as "no vCard". A set publishes the user's own vCard (§3.3) and
 * replaces the previous one whole; a set on anyone else's is {@code <forbidden/>}, and a vCard
 * larger than {@link VCardSettings#maxBytes()} is {@code <not-acceptable/>} and stores nothing.
 * The server itself has no vCard: a get to the domain returns an empty one.
 */
@ApplicationScoped
public class VCardHandler implements IqHandler {

    public static final String NAMESPACE = "vcard-temp";
    public static final XmlName VCARD = XmlName.of(NAMESPACE, "vCard");

    /** Stored vCards passed the stanza limits once; these only guard against a damaged row. */
    private static final XmlDocumentParser STORED = new XmlDocumentParser(
            new ParserLimits(64 * 1024 * 1024, 64, 256));

    private VCardStore store;
    private VCardSettings settings;

    /** For the container's proxy. */
    protected VCardHandler() {
    }

    @Inject
    public VCardHandler(VCardStore store, VCardSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public XmlName payload() {
        return VCARD;
    }

    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.SERVER, IqScope.OWN_ACCOUNT, IqScope.OTHER_ACCOUNT);
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (request.isSet()) {
            return publish(request);
        }
        Optional<Jid> owner = owner(request);
        Element vcard = owner.flatMap(store::find).map(VCardHandler::parse)
                .orElse(Element.empty(VCARD));
        return request.iq().result(vcard);
    }

    private Iq publish(IqRequest request) throws StanzaErrorException {
        if (request.scope() != IqScope.OWN_ACCOUNT) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN,
                    "only the owner of a vCard may change it");
        }
        String xml = request.payload().toXml();
        int bytes = xml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.maxBytes()) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "the vCard has " + bytes + " bytes; at most " + settings.maxBytes()
                            + " are accepted");
        }
        store.save(request.from().bare(), xml);
        return request.iq().result();
    }

    /** Whose vCard a request is about: nobody's when it asks the server. */
    private static Optional<Jid> owner(IqRequest request) {
        return switch (request.scope()) {
            case OWN_ACCOUNT -> Optional.of(request.from().bare());
            case OTHER_ACCOUNT -> Optional.of(request.iq().to().bare());
            case SERVER -> Optional.empty();
        };
    }

    private static Element parse(String xml) {
        try {
            return STORED.parse(xml);
        } catch (StreamErrorException e) {
            throw new IllegalStateException("a stored vCard is not well-formed XML", e);
        }
    }
}

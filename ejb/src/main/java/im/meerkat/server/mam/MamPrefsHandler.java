package im.meerkat.server.mam;

import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.server.iq.IqScope;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Archiving preferences of the requester's own archive (XEP-0313 §6, {@code <prefs/>}): a get
 * returns them, a set replaces them and returns what was stored. {@code default} is required
 * and one of always, never, roster; every {@code <jid/>} must be a JID and is kept bare.
 */
@ApplicationScoped
public class MamPrefsHandler implements IqHandler {

    static final XmlName PREFS = XmlName.of(MamQueryHandler.NAMESPACE, "prefs");
    private static final XmlName ALWAYS = XmlName.of(MamQueryHandler.NAMESPACE, "always");
    private static final XmlName NEVER = XmlName.of(MamQueryHandler.NAMESPACE, "never");
    private static final XmlName JID = XmlName.of(MamQueryHandler.NAMESPACE, "jid");
    /** Bounds the row and the work of each lookup. */
    static final int MAX_JIDS = 1000;

    private ArchivePolicy policy;

    /** For the container's proxy. */
    protected MamPrefsHandler() {
    }

    @Inject
    public MamPrefsHandler(ArchivePolicy policy) {
        this.policy = policy;
    }

    @Override
    public XmlName payload() {
        return PREFS;
    }

    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.OWN_ACCOUNT);
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        String owner = request.from().bare().toString();
        if (!request.isSet()) {
            return request.iq().result(element(policy.prefs(owner)));
        }
        Prefs prefs = parse(request.payload());
        policy.save(owner, prefs);
        return request.iq().result(element(prefs));
    }

    static Prefs parse(Element e) throws StanzaErrorException {
        Prefs.Mode mode = Prefs.Mode.of(e.attribute("default"));
        if (mode == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "default must be always, never or roster");
        }
        Set<String> always = jids(e.child(ALWAYS));
        Set<String> never = jids(e.child(NEVER));
        if (always.size() + never.size() > MAX_JIDS) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "at most " + MAX_JIDS + " JIDs");
        }
        always.removeAll(never); // a JID in both lists is never archived
        return new Prefs(mode, always, never);
    }

    private static Set<String> jids(Optional<Element> list) throws StanzaErrorException {
        Set<String> jids = new TreeSet<>();
        if (list.isPresent()) {
            for (Element jid : list.get().children(JID)) {
                Optional<Jid> parsed = Jid.tryOf(jid.text().trim());
                if (parsed.isEmpty()) {
                    throw new StanzaErrorException(StanzaErrorCondition.JID_MALFORMED,
                            "not a JID: " + jid.text());
                }
                jids.add(parsed.get().bare().toString());
            }
        }
        return jids;
    }

    static Element element(Prefs prefs) {
        Element.Builder always = Element.builder(ALWAYS);
        prefs.always().stream().sorted().forEach(j -> always.child(JID, j));
        Element.Builder never = Element.builder(NEVER);
        prefs.never().stream().sorted().forEach(j -> never.child(JID, j));
        return Element.builder(PREFS).attribute("default", prefs.mode().value())
                .child(always).child(never).build();
    }
}

package im.meerkat.server.roster;

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
import java.util.Set;

/**
 * The roster (RFC 6121 §2): get (§2.2), which also makes the session an interested resource
 * that receives pushes; set (§2.3, checked by {@link RosterSet}) and remove (§2.5), pushed to
 * every interested resource before the result. Versioning (XEP-0237): a get with {@code ver}
 * receives an empty result when the roster has that version, else the roster with its version.
 */
@ApplicationScoped
public class RosterHandler implements IqHandler {

    public static final String NAMESPACE = "jabber:iq:roster";
    /** Stream feature of XEP-0237 §3. */
    public static final String VERSIONING_FEATURE = "urn:xmpp:features:rosterver";
    static final XmlName QUERY = XmlName.of(NAMESPACE, "query");
    static final XmlName ITEM = XmlName.of(NAMESPACE, "item");
    static final XmlName GROUP = XmlName.of(NAMESPACE, "group");

    private RosterStore store;
    private SubscriptionService subscriptions;

    /** For the container's proxy. */
    protected RosterHandler() {
    }

    @Inject
    public RosterHandler(RosterStore store, SubscriptionService subscriptions) {
        this.store = store;
        this.subscriptions = subscriptions;
    }

    @Override
    public XmlName payload() {
        return QUERY;
    }

    /** Only the account's own resources may read or change its roster (§2.1.5, §2.3.3). */
    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.OWN_ACCOUNT, IqScope.OTHER_ACCOUNT);
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (request.scope() != IqScope.OWN_ACCOUNT) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN,
                    "a roster belongs to its account");
        }
        Jid owner = request.from().bare();
        if (!request.isSet()) {
            return get(request, owner);
        }
        RosterSet set = RosterSet.parse(request.payload(), owner);
        if (set.remove()) {
            subscriptions.remove(owner, set.contact());
        } else {
            subscriptions.set(owner, set);
        }
        return request.iq().result();
    }

    private Iq get(IqRequest request, Jid owner) {
        request.sender().rosterRequested();
        String ver = request.payload().attribute("ver");
        RosterStore.Roster roster = store.roster(owner);
        String current = Long.toString(roster.version());
        if (ver != null && ver.equals(current)) {
            return request.iq().result(); // XEP-0237 §5: unchanged, nothing to send
        }
        Element.Builder query = Element.builder(QUERY);
        if (ver != null) {
            query.attribute("ver", current);
        }
        roster.items().forEach(i -> query.child(i.toElement()));
        return request.iq().result(query.build());
    }
}

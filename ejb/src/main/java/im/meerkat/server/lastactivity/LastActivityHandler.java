package im.meerkat.server.lastactivity;

import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.server.iq.IqScope;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Last Activity (XEP-0012). To the server's domain (§5): seconds since this node started. To
 * an account's bare JID, answered by the server on the user's behalf (§3): 0 while the user has
 * an available resource, else seconds since the user's last session ended; item-not-found
 * when no session of the account ever ended. Another user's activity is shown only when
 * {@link LastActivityAccess} allows it (§3 asks for a presence subscription), else {@code
 * <forbidden/>}. Queries to full JIDs go to the client and never reach this handler.
 */
@ApplicationScoped
public class LastActivityHandler implements IqHandler {

    public static final String NAMESPACE = "jabber:iq:last";
    private static final XmlName QUERY = XmlName.of(NAMESPACE, "query");

    private LastActivityStore store;
    private SessionRegistry sessions;
    private LastActivityAccess access;
    private Clock clock;
    private Instant started;

    /** For the container's proxy. */
    protected LastActivityHandler() {
    }

    @Inject
    public LastActivityHandler(LastActivityStore store, SessionRegistry sessions,
            LastActivityAccess access) {
        this(store, sessions, access, Clock.systemUTC(),
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
    }

    /** For tests: any clock and start time. */
    public LastActivityHandler(LastActivityStore store, SessionRegistry sessions,
            LastActivityAccess access, Clock clock, Instant started) {
        this.store = store;
        this.sessions = sessions;
        this.access = access;
        this.clock = clock;
        this.started = started;
    }

    @Override
    public XmlName payload() {
        return QUERY;
    }

    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.SERVER, IqScope.OWN_ACCOUNT, IqScope.OTHER_ACCOUNT);
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (request.isSet()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "last activity is an IQ get");
        }
        Instant now = clock.instant();
        if (request.scope() == IqScope.SERVER) {
            return answer(request, secondsBetween(started, now), null);
        }
        Jid account = request.scope() == IqScope.OWN_ACCOUNT ? request.from().bare()
                : request.iq().to().bare();
        if (request.scope() == IqScope.OTHER_ACCOUNT
                && !access.mayView(request.from().bare(), account)) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN,
                    "not allowed to see the presence of " + account);
        }
        if (sessions.records(account).stream().anyMatch(SessionRecord::available)) {
            return answer(request, 0, null);
        }
        LastActivityStore.Logout logout = store.find(account).orElseThrow(
                () -> new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND,
                        "no activity of " + account + " is known"));
        return answer(request, secondsBetween(logout.at(), now), logout.status());
    }

    private static long secondsBetween(Instant from, Instant to) {
        return Math.max(0, to.getEpochSecond() - from.getEpochSecond());
    }

    private static Iq answer(IqRequest request, long seconds, String status) {
        Element.Builder query = Element.builder(QUERY).attribute("seconds", Long.toString(seconds));
        if (status != null && !status.isEmpty()) {
            query.text(status);
        }
        return request.iq().result(query.build());
    }
}

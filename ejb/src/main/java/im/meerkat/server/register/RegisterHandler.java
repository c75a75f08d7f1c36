package im.meerkat.server.register;

import im.meerkat.server.account.AccountException;
import im.meerkat.server.account.AccountStore;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.server.iq.IqScope;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * In-band registration for an authenticated user (XEP-0077): the registration state (§3.1, a
 * {@code <registered/>} query), password change (§3.3), always allowed, and cancellation (§3.2,
 * {@code <remove/>}), allowed when in-band registration is enabled ({@code
 * MEERKAT_REGISTRATION}). A cancelled account's sessions end with {@code <not-authorized/>},
 * the requester's after its result. Creating accounts before authentication is the stream
 * layer's part.
 */
@ApplicationScoped
public class RegisterHandler implements IqHandler {

    public static final String NAMESPACE = "jabber:iq:register";
    private static final XmlName QUERY = XmlName.of(NAMESPACE, "query");
    private static final XmlName USERNAME = XmlName.of(NAMESPACE, "username");
    private static final XmlName PASSWORD = XmlName.of(NAMESPACE, "password");
    private static final XmlName REMOVE = XmlName.of(NAMESPACE, "remove");

    private AccountStore accounts;
    private SessionRegistry sessions;
    private ServerConfig config;

    /** For the container's proxy. */
    protected RegisterHandler() {
    }

    @Inject
    public RegisterHandler(AccountStore accounts, SessionRegistry sessions, ServerConfig config) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.config = config;
    }

    @Override
    public XmlName payload() {
        return QUERY;
    }

    /** Sent to the server, or to no one: both mean the user's own registration. */
    @Override
    public Set<IqScope> scopes() {
        return Set.of(IqScope.SERVER);
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        Jid account = request.from().bare();
        if (!request.isSet()) {
            return request.iq().result(Element.builder(QUERY)
                    .child(XmlName.of(NAMESPACE, "registered"))
                    .child(USERNAME, account.localOrNull())
                    .child(PASSWORD)
                    .build());
        }
        Element query = request.payload();
        if (query.hasChild(REMOVE)) {
            return cancel(request, account);
        }
        String username = query.childText(USERNAME).orElse(null);
        String password = query.childText(PASSWORD).orElse(null);
        if (username == null || password == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "a password change needs username and password");
        }
        if (!username.equals(account.localOrNull())
                && !Jid.tryOf(username + "@" + account.domain()).map(account::equals).orElse(false)) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_AUTHORIZED,
                    "the username is not that of this session");
        }
        if (password.isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "the password is empty");
        }
        try {
            accounts.changePassword(account, password);
        } catch (AccountException e) {
            throw failure(e);
        }
        return request.iq().result();
    }

    private Iq cancel(IqRequest request, Jid account) throws StanzaErrorException {
        if (!config.inBandRegistration()) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ALLOWED,
                    "accounts are removed by the administrator on this server");
        }
        try {
            accounts.delete(account);
        } catch (AccountException e) {
            throw failure(e);
        }
        StreamError removed = StreamError.of(StreamErrorCondition.NOT_AUTHORIZED,
                "the account was removed");
        LocalSession requester = request.sender();
        for (LocalSession s : sessions.locals(account)) {
            if (s != requester) {
                sessions.end(s, removed);
            }
        }
        request.afterReply(() -> sessions.end(requester, removed));
        return request.iq().result();
    }

    private static StanzaErrorException failure(AccountException e) {
        StanzaErrorCondition condition = switch (e.reason()) {
            case NOT_FOUND -> StanzaErrorCondition.ITEM_NOT_FOUND;
            case INVALID -> StanzaErrorCondition.NOT_ACCEPTABLE;
            case EXISTS -> StanzaErrorCondition.CONFLICT;
        };
        return new StanzaErrorException(condition, e.getMessage());
    }
}

package im.meerkat.server.admin;

import im.meerkat.server.account.AccountException;
import im.meerkat.server.account.AccountStore;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.InvalidJidException;
import im.meerkat.xmpp.jid.Jid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of account and session administration, shared by the admin REST API ({@link
 * AdminServiceBean}, which adds the role check) and the XEP-0133 commands (which check {@link
 * ServerConfig#isAdmin}). Arguments are checked before anything changes; refusals are {@link
 * AdminException}s.
 */
@ApplicationScoped
public class AccountAdministration {

    private AccountStore accounts;
    private SessionRegistry sessions;
    private ServerConfig config;

    /** For the container's proxy. */
    protected AccountAdministration() {
    }

    @Inject
    public AccountAdministration(AccountStore accounts, SessionRegistry sessions,
            ServerConfig config) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.config = config;
    }

    /** The bare JID of a user of a served domain. */
    public Jid account(String user, String domain) throws AdminException {
        if (user == null || user.isEmpty()) {
            throw invalid("the username is empty");
        }
        Jid jid;
        try {
            jid = Jid.of(user, served(domain), null);
        } catch (InvalidJidException e) {
            throw invalid("not a valid username: " + user);
        }
        return jid;
    }

    /** A bare JID of an account of a served domain, from its text. */
    public Jid account(String jid) throws AdminException {
        Jid parsed = parse(jid);
        if (parsed.localOrNull() == null || parsed.isFull()) {
            throw invalid("not an account JID: " + jid);
        }
        served(parsed.domain());
        return parsed;
    }

    public void register(Jid account, String password) throws AdminException {
        checkPassword(password);
        try {
            accounts.create(account, password);
        } catch (AccountException e) {
            throw translate(e, account);
        }
    }

    /** Deletes the account and ends its sessions on this node with {@code <not-authorized/>}. */
    public void unregister(Jid account) throws AdminException {
        try {
            accounts.delete(account);
        } catch (AccountException e) {
            throw translate(e, account);
        }
        endSessions(account, StreamError.of(StreamErrorCondition.NOT_AUTHORIZED,
                "the account was deleted"));
    }

    public void changePassword(Jid account, String password) throws AdminException {
        if (!accounts.exists(account)) {
            throw new AdminException(AdminException.Kind.NOT_FOUND, "no user " + account);
        }
        checkPassword(password);
        try {
            accounts.changePassword(account, password);
        } catch (AccountException e) {
            throw translate(e, account);
        }
    }

    public List<String> users(String domain) throws AdminException {
        return accounts.users(served(domain));
    }

    /** Every session of the cluster, sorted by full JID. */
    public List<SessionSummary> sessions() {
        List<SessionSummary> result = new ArrayList<>();
        for (Map.Entry<Jid, SessionRecord> e : sessions.table().all().entrySet()) {
            SessionRecord r = e.getValue();
            result.add(new SessionSummary(e.getKey().toString(), r.channel().node(),
                    r.transport(), r.address(), Instant.ofEpochMilli(r.since()), r.priority(),
                    r.available()));
        }
        return result;
    }

    /**
     * Ends the sessions of a full JID or of every resource of a bare JID with {@code
     * <policy-violation/>} and the text (RFC 6120 §4.9.3.14).
     *
     * @return how many sessions ended
     */
    public int kick(String jid, String reason) throws AdminException {
        Jid target = parse(jid);
        if (target.localOrNull() == null) {
            throw invalid("not a user JID: " + jid);
        }
        return endSessions(target, StreamError.of(StreamErrorCondition.POLICY_VIOLATION, reason));
    }

    private int endSessions(Jid jid, StreamError error) {
        int ended = 0;
        for (LocalSession s : sessions.locals(jid)) {
            if (sessions.end(s, error)) {
                ended++;
            }
        }
        return ended + sessions.endElsewhere(jid, error);
    }

    public List<String> domains() {
        return config.domains().stream().sorted().toList();
    }

    private String served(String domain) throws AdminException {
        if (domain == null || !config.serves(domain)) {
            throw invalid("this server does not serve " + domain);
        }
        return domain;
    }

    private static Jid parse(String jid) throws AdminException {
        if (jid == null) {
            throw invalid("no JID");
        }
        return Jid.tryOf(jid).orElseThrow(() -> invalid("not a valid JID: " + jid));
    }

    private static void checkPassword(String password) throws AdminException {
        if (password == null || password.isEmpty()) {
            throw invalid("the password is empty");
        }
    }

    private static AdminException translate(AccountException e, Jid account) {
        return switch (e.reason()) {
            case EXISTS -> new AdminException(AdminException.Kind.CONFLICT,
                    "user " + account + " already exists");
            case NOT_FOUND -> new AdminException(AdminException.Kind.NOT_FOUND,
                    "no user " + account);
            case INVALID -> invalid(e.getMessage());
        };
    }

    private static AdminException invalid(String message) {
        return new AdminException(AdminException.Kind.INVALID_ARGUMENT, message);
    }
}

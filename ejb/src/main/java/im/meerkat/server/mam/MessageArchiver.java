package im.meerkat.server.mam;

import im.meerkat.server.account.AccountStore;
import im.meerkat.server.routing.MessageRouting;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.Predicate;

/**
 * Puts each one-to-one message between local accounts into the archives of both sides, as their
 * preferences allow (XEP-0313 §3, §6), and gives the delivered message the recipient's archive
 * id as its stanza-id (XEP-0359). Archived are messages of type {@code chat} or {@code normal}
 * with a body, or with a {@code <store/>} hint, and without a {@code <no-store/>} or
 * {@code <no-permanent-store/>} hint (XEP-0334 §4). Rows go to the {@link ArchiveWriter}; the
 * delivery does not wait for the database. Whether the recipient's account exists is read from
 * the session table when the recipient is online; the database is asked only otherwise, and not
 * while the writer finds it unreachable, so that messaging goes on through an outage.
 */
@ApplicationScoped
public class MessageArchiver {

    static final String HINTS = "urn:xmpp:hints";

    private ArchiveWriter writer;
    private ArchivePolicy policy;
    private AccountStore accounts;
    private MamSettings settings;
    private Predicate<Jid> online;
    private ArchiveIds ids;

    /** For the container's proxy. */
    protected MessageArchiver() {
    }

    @Inject
    public MessageArchiver(ArchiveWriter writer, ArchivePolicy policy, AccountStore accounts,
            MamSettings settings, SessionRegistry sessions) {
        this(writer, policy, accounts, settings, bare -> !sessions.records(bare).isEmpty());
    }

    private MessageArchiver(ArchiveWriter writer, ArchivePolicy policy, AccountStore accounts,
            MamSettings settings, Predicate<Jid> online) {
        this.writer = writer;
        this.policy = policy;
        this.accounts = accounts;
        this.settings = settings;
        this.online = online;
    }

    @PostConstruct
    void init() {
        ids = new ArchiveIds(settings.nodeId());
    }

    /** For tests: ids of its own. */
    MessageArchiver(ArchiveWriter writer, ArchivePolicy policy, AccountStore accounts, ArchiveIds ids) {
        this(writer, policy, accounts, null, bare -> false);
        this.ids = ids;
    }

    void routing(@Observes MessageRouting event) {
        Message original = event.message();
        Jid from = event.sender();
        Jid to = original.to();
        String sender = from.bare().toString();
        String recipient = to.bare().toString();
        Message message = StanzaIds.strip(original, recipient);
        // a message to an account that does not exist bounces: no side keeps it
        boolean readDatabase = writer.databaseAnswers();
        if (archivable(message) && exists(to.bare(), readDatabase)) {
            if (!sender.equals(recipient) && policy.archives(sender, recipient, readDatabase)) {
                writer.write(new ArchiveRow(ids.next(), sender, recipient, to.resourceOrNull(),
                        message.element().toXml()));
            }
            if (policy.archives(recipient, sender, readDatabase)) {
                long id = ids.next();
                Message stamped = StanzaIds.add(message, recipient, id);
                if (writer.write(new ArchiveRow(id, recipient, sender, from.resourceOrNull(),
                        stamped.element().toXml()))) {
                    message = stamped;
                }
            }
        }
        if (message != original) {
            event.deliver(message);
        }
    }

    /**
     * An account with a session exists. Otherwise the database says, unless it is unreachable:
     * then the message is archived, since a message to an account that does not exist is rare
     * and a lost copy is not.
     */
    private boolean exists(Jid account, boolean readDatabase) {
        if (online.test(account) || !readDatabase) {
            return true;
        }
        try {
            return accounts.exists(account);
        } catch (RuntimeException e) {
            return true; // unreachable database: the writer keeps the row until it returns
        }
    }

    static boolean archivable(Message m) {
        if (m.type() != Message.Type.CHAT && m.type() != Message.Type.NORMAL) {
            return false;
        }
        if (m.element().hasChild(XmlName.of(HINTS, "no-store"))
                || m.element().hasChild(XmlName.of(HINTS, "no-permanent-store"))) {
            return false;
        }
        return m.body() != null || m.element().hasChild(XmlName.of(HINTS, "store"));
    }
}

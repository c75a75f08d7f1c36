package im.meerkat.server.adhoc;

import im.meerkat.server.admin.AccountAdministration;
import im.meerkat.server.admin.SessionSummary;
import im.meerkat.server.routing.Delivery;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * XEP-0133 §4.23 Send Announcement to Online Users: {@code subject} and {@code announcement}
 * (required). Every session in the session table receives a {@code headline} message (RFC 6121
 * §5.2.2: an alert that is not stored) from the administrator's domain, whether or not it has
 * sent presence; sessions of other nodes get it through {@code RemoteSessions}, that is, once
 * the cluster dispatcher exists.
 */
@ApplicationScoped
public class AnnounceCommand implements AdminCommand {

    private AccountAdministration admin;
    private Delivery delivery;

    /** For the container's proxy. */
    protected AnnounceCommand() {
    }

    @Inject
    public AnnounceCommand(AccountAdministration admin, Delivery delivery) {
        this.admin = admin;
        this.delivery = delivery;
    }

    @Override
    public String node() {
        return ADMIN_NAMESPACE + "#announce";
    }

    @Override
    public String name() {
        return "Send Announcement to Online Users";
    }

    @Override
    public Element form() {
        return DataForm.builder("form").title("Making an Announcement")
                .instructions("Fill out this form to make an announcement to all active users "
                        + "of this service.")
                .formType(ADMIN_NAMESPACE)
                .field("text-single", "subject", "Subject", false)
                .field("text-multi", "announcement", "Announcement", true)
                .build();
    }

    @Override
    public Outcome execute(Jid caller, DataForm form) throws StanzaErrorException {
        String text = String.join("\n", form.values("announcement"));
        if (text.isBlank()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "the field announcement is required");
        }
        String subject = form.value("subject").orElse(null);
        Jid server = caller.domainJid();
        List<SessionSummary> sessions = admin.sessions();
        int delivered = 0;
        for (SessionSummary s : sessions) {
            Jid to = Jid.of(s.jid());
            Message.Builder message = Message.builder().type(Message.Type.HEADLINE).from(server)
                    .to(to);
            if (subject != null) {
                message.child(Element.builder(XmlName.of(message.namespace(), "subject"))
                        .text(subject).build());
            }
            if (delivery.toSession(to, message.body(text).build())) {
                delivered++;
            }
        }
        return Outcome.note("announced to " + delivered
                + (delivered == 1 ? " session" : " sessions"));
    }
}

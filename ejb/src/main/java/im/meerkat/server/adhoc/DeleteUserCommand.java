package im.meerkat.server.adhoc;

import im.meerkat.server.admin.AccountAdministration;
import im.meerkat.server.admin.AdminException;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * XEP-0133 §4.2 Delete User: {@code accountjids}, one or more. Every JID is checked before any
 * account is deleted, so a malformed one changes nothing.
 */
@ApplicationScoped
public class DeleteUserCommand implements AdminCommand {

    private AccountAdministration admin;

    /** For the container's proxy. */
    protected DeleteUserCommand() {
    }

    @Inject
    public DeleteUserCommand(AccountAdministration admin) {
        this.admin = admin;
    }

    @Override
    public String node() {
        return ADMIN_NAMESPACE + "#delete-user";
    }

    @Override
    public String name() {
        return "Delete User";
    }

    @Override
    public Element form() {
        return DataForm.builder("form").title("Deleting a User")
                .instructions("Fill out this form to delete a user.")
                .formType(ADMIN_NAMESPACE)
                .field("jid-multi", "accountjids", "The Jabber ID(s) to delete", true)
                .build();
    }

    @Override
    public Outcome execute(Jid caller, DataForm form) throws StanzaErrorException {
        List<String> jids = CommandFields.requiredList(form, "accountjids");
        try {
            List<Jid> accounts = new ArrayList<>();
            for (String jid : jids) {
                accounts.add(admin.account(jid));
            }
            for (Jid account : accounts) {
                admin.unregister(account);
            }
            return Outcome.note("deleted " + accounts.size()
                    + (accounts.size() == 1 ? " user" : " users"));
        } catch (AdminException e) {
            throw CommandFields.toStanzaError(e);
        }
    }
}

package im.meerkat.server.adhoc;

import im.meerkat.server.admin.AccountAdministration;
import im.meerkat.server.admin.AdminException;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** XEP-0133 §4.7 Change User Password: {@code accountjid}, {@code password}. */
@ApplicationScoped
public class ChangeUserPasswordCommand implements AdminCommand {

    private AccountAdministration admin;

    /** For the container's proxy. */
    protected ChangeUserPasswordCommand() {
    }

    @Inject
    public ChangeUserPasswordCommand(AccountAdministration admin) {
        this.admin = admin;
    }

    @Override
    public String node() {
        return ADMIN_NAMESPACE + "#change-user-password";
    }

    @Override
    public String name() {
        return "Change User Password";
    }

    @Override
    public Element form() {
        return DataForm.builder("form").title("Changing a User Password")
                .instructions("Fill out this form to change a user's password.")
                .formType(ADMIN_NAMESPACE)
                .field("jid-single", "accountjid", "The Jabber ID for this account", true)
                .field("text-private", "password", "The password for this account", true)
                .build();
    }

    @Override
    public Outcome execute(Jid caller, DataForm form) throws StanzaErrorException {
        String jid = CommandFields.required(form, "accountjid");
        String password = CommandFields.required(form, "password");
        try {
            Jid account = admin.account(jid);
            admin.changePassword(account, password);
            return Outcome.note("changed the password of " + account);
        } catch (AdminException e) {
            throw CommandFields.toStanzaError(e);
        }
    }
}

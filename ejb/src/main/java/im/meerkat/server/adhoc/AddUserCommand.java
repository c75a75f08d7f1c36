package im.meerkat.server.adhoc;

import im.meerkat.server.admin.AccountAdministration;
import im.meerkat.server.admin.AdminException;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** XEP-0133 §4.1 Add User: {@code accountjid}, {@code password}, {@code password-verify}. */
@ApplicationScoped
public class AddUserCommand implements AdminCommand {

    private AccountAdministration admin;

    /** For the container's proxy. */
    protected AddUserCommand() {
    }

    @Inject
    public AddUserCommand(AccountAdministration admin) {
        this.admin = admin;
    }

    @Override
    public String node() {
        return ADMIN_NAMESPACE + "#add-user";
    }

    @Override
    public String name() {
        return "Add User";
    }

    @Override
    public Element form() {
        return DataForm.builder("form").title("Adding a User")
                .instructions("Fill out this form to add a user.")
                .formType(ADMIN_NAMESPACE)
                .field("jid-single", "accountjid", "The Jabber ID for the account to be added", true)
                .field("text-private", "password", "The password for this account", true)
                .field("text-private", "password-verify", "Retype password", true)
                .build();
    }

    @Override
    public Outcome execute(Jid caller, DataForm form) throws StanzaErrorException {
        String jid = CommandFields.required(form, "accountjid");
        String password = CommandFields.required(form, "password");
        if (!password.equals(form.value("password-verify").orElse(""))) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                    "the passwords do not match");
        }
        try {
            Jid account = admin.account(jid);
            admin.register(account, password);
            return Outcome.note("registered " + account);
        } catch (AdminException e) {
            throw CommandFields.toStanzaError(e);
        }
    }
}

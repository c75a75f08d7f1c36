package im.meerkat.server.adhoc;

import im.meerkat.server.admin.AccountAdministration;
import im.meerkat.server.admin.AdminException;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * XEP-0133 §4.13 Get Number of Registered Users: no input; the result form's {@code
 * registeredusersnum} counts the accounts of every domain this server serves.
 */
@ApplicationScoped
public class RegisteredUsersNumCommand implements AdminCommand {

    private AccountAdministration admin;

    /** For the container's proxy. */
    protected RegisteredUsersNumCommand() {
    }

    @Inject
    public RegisteredUsersNumCommand(AccountAdministration admin) {
        this.admin = admin;
    }

    @Override
    public String node() {
        return ADMIN_NAMESPACE + "#get-registered-users-num";
    }

    @Override
    public String name() {
        return "Get Number of Registered Users";
    }

    @Override
    public Element form() {
        return null;
    }

    @Override
    public Outcome execute(Jid caller, DataForm form) throws StanzaErrorException {
        int count = 0;
        try {
            for (String domain : admin.domains()) {
                count += admin.users(domain).size();
            }
        } catch (AdminException e) {
            throw CommandFields.toStanzaError(e);
        }
        return new Outcome(count + " registered", DataForm.builder("result")
                .formType(ADMIN_NAMESPACE)
                .field("text-single", "registeredusersnum", "The number of registered users",
                        false, List.of(Integer.toString(count)), List.of())
                .build());
    }
}

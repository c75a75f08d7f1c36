package im.meerkat.server.adhoc;

import im.meerkat.server.admin.AccountAdministration;
import im.meerkat.server.admin.SessionSummary;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * XEP-0133 §4.15 Get Number of Online Users: no input; the result form's {@code onlineusersnum}
 * counts the accounts (bare JIDs) with at least one session anywhere in the cluster, as §4.20's
 * list does.
 */
@ApplicationScoped
public class OnlineUsersNumCommand implements AdminCommand {

    private AccountAdministration admin;

    /** For the container's proxy. */
    protected OnlineUsersNumCommand() {
    }

    @Inject
    public OnlineUsersNumCommand(AccountAdministration admin) {
        this.admin = admin;
    }

    @Override
    public String node() {
        return ADMIN_NAMESPACE + "#get-online-users-num";
    }

    @Override
    public String name() {
        return "Get Number of Online Users";
    }

    @Override
    public Element form() {
        return null;
    }

    @Override
    public Outcome execute(Jid caller, DataForm form) {
        long count = admin.sessions().stream().map(SessionSummary::jid)
                .map(j -> Jid.of(j).bare()).distinct().count();
        return new Outcome(count + " online", DataForm.builder("result")
                .formType(ADMIN_NAMESPACE)
                .field("text-single", "onlineusersnum", "The number of online users", false,
                        List.of(Long.toString(count)), List.of())
                .build());
    }
}

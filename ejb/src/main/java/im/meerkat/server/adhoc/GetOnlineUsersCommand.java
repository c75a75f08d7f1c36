package im.meerkat.server.adhoc;

import im.meerkat.server.admin.AccountAdministration;
import im.meerkat.server.admin.SessionSummary;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * XEP-0133 §4.20 Get List of Online Users: the bare JIDs with at least one session anywhere in
 * the cluster, sorted, at most {@code max_items} of them.
 */
@ApplicationScoped
public class GetOnlineUsersCommand implements AdminCommand {

    private static final List<String> MAX_ITEMS =
            List.of("25", "50", "75", "100", "150", "200", "none");

    private AccountAdministration admin;

    /** For the container's proxy. */
    protected GetOnlineUsersCommand() {
    }

    @Inject
    public GetOnlineUsersCommand(AccountAdministration admin) {
        this.admin = admin;
    }

    @Override
    public String node() {
        return ADMIN_NAMESPACE + "#get-online-users-list";
    }

    @Override
    public String name() {
        return "Get List of Online Users";
    }

    @Override
    public Element form() {
        return DataForm.builder("form").title("Requesting List of Online Users")
                .instructions("Fill out this form to request the online users of this service.")
                .formType(ADMIN_NAMESPACE)
                .field("list-single", "max_items", "Maximum number of items to show", false,
                        List.of(), MAX_ITEMS)
                .build();
    }

    @Override
    public Outcome execute(Jid caller, DataForm form) throws StanzaErrorException {
        int max = maxItems(form.value("max_items"));
        TreeSet<String> users = new TreeSet<>();
        for (SessionSummary s : admin.sessions()) {
            users.add(Jid.of(s.jid()).bare().toString());
        }
        List<String> shown = users.stream().limit(max).toList();
        Element result = DataForm.builder("result").title("Online Users")
                .formType(ADMIN_NAMESPACE)
                .field("jid-multi", "onlineuserjids", "The list of all online users", false,
                        shown, List.of())
                .build();
        return new Outcome(shown.size() + " online", result);
    }

    private static int maxItems(Optional<String> value) throws StanzaErrorException {
        if (value.isEmpty() || value.get().equals("none")) {
            return Integer.MAX_VALUE;
        }
        try {
            int max = Integer.parseInt(value.get());
            if (max > 0) {
                return max;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                "max_items must be a positive number");
    }
}

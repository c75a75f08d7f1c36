package im.meerkat.server.adhoc;

import im.meerkat.server.account.AccountStore;
import im.meerkat.server.admin.AccountAdministration;
import im.meerkat.server.admin.AdminException;
import im.meerkat.server.roster.RosterHandler;
import im.meerkat.server.roster.RosterItem;
import im.meerkat.server.roster.RosterStore;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * XEP-0133 §4.8 Get User Roster: {@code accountjids} names one account (bare JID); the result
 * form repeats it and carries the roster as a {@code <query xmlns='jabber:iq:roster'/>} with the
 * items the user sees (RFC 6121 §2.1). An account that does not exist is {@code
 * <item-not-found/>}; several accounts at once are {@code <bad-request/>}, since one roster query
 * cannot tell them apart.
 */
@ApplicationScoped
public class GetUserRosterCommand implements AdminCommand {

    private static final XmlName ROSTER_QUERY = XmlName.of(RosterHandler.NAMESPACE, "query");

    private AccountAdministration admin;
    private AccountStore accounts;
    private RosterStore rosters;

    /** For the container's proxy. */
    protected GetUserRosterCommand() {
    }

    @Inject
    public GetUserRosterCommand(AccountAdministration admin, AccountStore accounts,
            RosterStore rosters) {
        this.admin = admin;
        this.accounts = accounts;
        this.rosters = rosters;
    }

    @Override
    public String node() {
        return ADMIN_NAMESPACE + "#get-user-roster";
    }

    @Override
    public String name() {
        return "Get User Roster";
    }

    @Override
    public Element form() {
        return DataForm.builder("form").title("Getting a User's Roster")
                .instructions("Fill out this form to get a user's roster.")
                .formType(ADMIN_NAMESPACE)
                .field("jid-multi", "accountjids",
                        "The Jabber ID(s) for which to retrieve the roster", true)
                .build();
    }

    @Override
    public Outcome execute(Jid caller, DataForm form) throws StanzaErrorException {
        List<String> jids = CommandFields.requiredList(form, "accountjids");
        if (jids.size() != 1) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "one account at a time");
        }
        Jid account;
        try {
            account = admin.account(jids.get(0));
        } catch (AdminException e) {
            throw CommandFields.toStanzaError(e);
        }
        if (!accounts.exists(account)) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND,
                    "no such account: " + account);
        }
        List<RosterItem> items = rosters.roster(account).items();
        Element query = Element.builder(ROSTER_QUERY)
                .children(items.stream().map(RosterItem::toElement).toList()).build();
        Element result = DataForm.builder("result").title("Roster of " + account)
                .formType(ADMIN_NAMESPACE)
                .field("jid-multi", "accountjids", null, false, List.of(account.toString()),
                        List.of())
                .build().toBuilder().child(query).build();
        String count = items.size() == 1 ? "1 item" : items.size() + " items";
        return new Outcome(count, result);
    }
}

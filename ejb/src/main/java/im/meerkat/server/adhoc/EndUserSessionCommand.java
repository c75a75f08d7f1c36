package im.meerkat.server.adhoc;

import im.meerkat.server.admin.AccountAdministration;
import im.meerkat.server.admin.AdminException;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * XEP-0133 §4.5 End User Session: {@code accountjids}, bare JIDs (every session of the account)
 * or full JIDs (that session). The sessions end with the stream error {@code
 * <policy-violation/>}, as the admin API's kick does; only sessions of the node that runs the
 * command end until the cluster dispatcher exists. Every JID is checked before any session ends.
 */
@ApplicationScoped
public class EndUserSessionCommand implements AdminCommand {

    static final String REASON = "an administrator ended this session";

    private AccountAdministration admin;

    /** For the container's proxy. */
    protected EndUserSessionCommand() {
    }

    @Inject
    public EndUserSessionCommand(AccountAdministration admin) {
        this.admin = admin;
    }

    @Override
    public String node() {
        return ADMIN_NAMESPACE + "#end-user-session";
    }

    @Override
    public String name() {
        return "End User Session";
    }

    @Override
    public Element form() {
        return DataForm.builder("form").title("Ending a User Session")
                .instructions("Fill out this form to end a user's session.")
                .formType(ADMIN_NAMESPACE)
                .field("jid-multi", "accountjids", "The Jabber ID(s) for which to end sessions",
                        true)
                .build();
    }

    @Override
    public Outcome execute(Jid caller, DataForm form) throws StanzaErrorException {
        List<String> jids = CommandFields.requiredList(form, "accountjids");
        try {
            List<Jid> targets = new ArrayList<>();
            for (String text : jids) {
                Jid jid = Jid.tryOf(text).orElseThrow(() -> new StanzaErrorException(
                        StanzaErrorCondition.NOT_ACCEPTABLE, "not a valid JID: " + text));
                admin.account(jid.bare().toString()); // a user of a served domain
                targets.add(jid);
            }
            int ended = 0;
            for (Jid target : targets) {
                ended += admin.kick(target.toString(), REASON);
            }
            return Outcome.note("ended " + ended + (ended == 1 ? " session" : " sessions"));
        } catch (AdminException e) {
            throw CommandFields.toStanzaError(e);
        }
    }
}

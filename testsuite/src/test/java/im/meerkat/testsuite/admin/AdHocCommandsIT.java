package im.meerkat.testsuite.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Names;
import java.util.List;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandResult;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0133 service administration through XEP-0050 ad-hoc commands, as Smack's
 * {@link AdHocCommandManager} runs them: the shared node names {@code admin@localhost} in
 * {@code MEERKAT_ADMINS}; everyone else is refused.
 */
class AdHocCommandsIT {

    private static final String ADMIN_NODE = "http://jabber.org/protocol/admin#";

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private AdHocCommand command(XMPPTCPConnection connection, String name) {
        return AdHocCommandManager.getInstance(connection)
                .getRemoteCommand(connection.getXMPPServiceDomain(), ADMIN_NODE + name);
    }

    @Test
    void adminSeesTheCommandsOthersDoNot() throws Exception {
        XMPPTCPConnection admin = clients.connect(clients.adminAccount(), "console");
        DiscoverItems items = AdHocCommandManager.getInstance(admin)
                .discoverCommands(admin.getXMPPServiceDomain());
        List<String> nodes = items.getItems().stream().map(DiscoverItems.Item::getNode).toList();
        assertTrue(nodes.contains(ADMIN_NODE + "add-user"), nodes.toString());
        assertTrue(nodes.contains(ADMIN_NODE + "get-online-users-list"), nodes.toString());

        XMPPTCPConnection user = clients.connect(clients.newAccount("plain"), "desk");
        try {
            List<String> visible = AdHocCommandManager.getInstance(user)
                    .discoverCommands(user.getXMPPServiceDomain()).getItems().stream()
                    .map(DiscoverItems.Item::getNode).toList();
            assertFalse(visible.stream().anyMatch(n -> n.startsWith(ADMIN_NODE)),
                    "only administrators see the admin commands: " + visible);
        } catch (XMPPErrorException refused) {
            // Refusing the listing altogether hides them as well.
            assertNotNull(refused.getStanzaError());
        }
    }

    @Test
    void addUserCreatesAnAccountThatCanLogIn() throws Exception {
        XMPPTCPConnection admin = clients.connect(clients.adminAccount(), "console");
        String user = Names.unique("added");
        String password = Names.password();

        AdHocCommand addUser = command(admin, "add-user");
        FillableForm form = addUser.execute().asExecutingOrThrow().getFillableForm();
        // XEP-0133 §4.1: accountjid, password, password-verify.
        form.setAnswer("accountjid", JidCreate.entityBareFrom(user + "@" + admin
                .getXMPPServiceDomain()));
        form.setAnswer("password", password);
        form.setAnswer("password-verify", password);
        AdHocCommandResult result = addUser.execute(form);
        assertTrue(result.isCompleted(), "the command completes: " + result.getResponse().toXML());

        XMPPTCPConnection added = clients.login(user, password).mechanism("SCRAM-SHA-1")
                .connect();
        assertTrue(added.isAuthenticated());
    }

    @Test
    void onlineUsersListsALoggedInUser() throws Exception {
        Account online = clients.newAccount("online");
        clients.connect(online, "somewhere");
        XMPPTCPConnection admin = clients.connect(clients.adminAccount(), "console");

        AdHocCommand list = command(admin, "get-online-users-list");
        AdHocCommandResult first = list.execute();
        AdHocCommandResult done = first.isCompleted() ? first
                : list.execute(first.asExecutingOrThrow().getFillableForm());
        assertTrue(done.isCompleted(), done.getResponse().toXML().toString());
        DataForm form = done.getResponse().getForm();
        assertNotNull(form, "the result is a form");
        // XEP-0133 §4.20: the JIDs are in the field 'onlineuserjids'.
        FormField field = form.getField("onlineuserjids");
        assertNotNull(field, form.toXML().toString());
        List<String> jids = field.getValues().stream().map(CharSequence::toString).toList();
        assertTrue(jids.stream().anyMatch(j -> j.equals(online.bare())
                || j.startsWith(online.bare() + "/")), online.bare() + " in " + jids);
    }

    @Test
    void nonAdminIsForbidden() throws Exception {
        XMPPTCPConnection user = clients.connect(clients.newAccount("plain"), "desk");
        XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                () -> command(user, "add-user").execute());
        // XEP-0133 §2, docs/ADMIN.md: <forbidden/>.
        assertEquals(StanzaError.Condition.forbidden, refused.getStanzaError().getCondition());
    }
}

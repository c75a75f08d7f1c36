package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandResult;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The XEP-0133 commands end-user-session (§4.5), announce (§4.23), get-registered-users-num
 * (§4.13) and get-online-users-num (§4.15), run by {@code admin@localhost} with Smack's
 * {@link AdHocCommandManager}.
 */
class ServiceAdministrationIT {

    private static final String ADMIN_NODE = "http://jabber.org/protocol/admin#";

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private XMPPTCPConnection admin() {
        return clients.connect(clients.adminAccount(), "console");
    }

    private static AdHocCommand command(XMPPTCPConnection connection, String name) {
        return AdHocCommandManager.getInstance(connection)
                .getRemoteCommand(connection.getXMPPServiceDomain(), ADMIN_NODE + name);
    }

    private static String resultValue(AdHocCommandResult done, String var) {
        DataForm form = done.getResponse().getForm();
        assertNotNull(form, done.getResponse().toXML().toString());
        FormField field = form.getField(var);
        assertNotNull(field, form.toXML().toString());
        return field.getFirstValue();
    }

    @Test
    void endUserSessionDisconnectsTheUser() throws Exception { // XEP-0133 §4.5
        Account bob = clients.newAccount("bob");
        XMPPTCPConnection bobPhone = clients.connect(bob, "phone");
        XMPPTCPConnection bobLaptop = clients.connect(bob, "laptop");
        XMPPTCPConnection carol = clients.connect(clients.newAccount("carol"), "desk");

        AdHocCommand end = command(admin(), "end-user-session");
        FillableForm form = end.execute().asExecutingOrThrow().getFillableForm();
        form.setAnswer("accountjids", List.of(bob.bare()));
        AdHocCommandResult done = end.execute(form);
        assertTrue(done.isCompleted(), done.getResponse().toXML().toString());

        long deadline = System.currentTimeMillis() + 10_000;
        while ((bobPhone.isConnected() || bobLaptop.isConnected())
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(bobPhone.isConnected(), "every session of the bare JID ends");
        assertFalse(bobLaptop.isConnected(), "every session of the bare JID ends");
        assertTrue(carol.isConnected(), "other users stay");
    }

    @Test
    void announceReachesEveryOnlineUser() throws Exception { // XEP-0133 §4.23
        XMPPTCPConnection bob = clients.connect(clients.newAccount("bob"), "phone");
        XMPPTCPConnection carol = clients.connect(clients.newAccount("carol"), "desk");
        StanzaCollector bobInbox = bob.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        StanzaCollector carolInbox = carol.createStanzaCollector(StanzaTypeFilter.MESSAGE);

        AdHocCommand announce = command(admin(), "announce");
        FillableForm form = announce.execute().asExecutingOrThrow().getFillableForm();
        form.setAnswer("subject", "Maintenance");
        form.setAnswer("announcement", List.of("Down at 22:00", "for ten minutes"));
        assertTrue(announce.execute(form).isCompleted());

        for (StanzaCollector inbox : List.of(bobInbox, carolInbox)) {
            Message m = inbox.nextResult(10_000);
            assertNotNull(m, "the announcement arrives");
            assertEquals(Message.Type.headline, m.getType());
            assertEquals("Maintenance", m.getSubject());
            assertEquals("Down at 22:00\nfor ten minutes", m.getBody());
            assertEquals(bob.getXMPPServiceDomain(), m.getFrom());
            inbox.cancel();
        }
    }

    @Test
    void userCountsCompleteAtOnce() throws Exception { // XEP-0133 §4.13, §4.15
        Account bob = clients.newAccount("bob");
        clients.newAccount("carol");
        clients.connect(bob, "phone");
        XMPPTCPConnection admin = admin();

        AdHocCommandResult registered = command(admin, "get-registered-users-num").execute();
        assertTrue(registered.isCompleted(), registered.getResponse().toXML().toString());
        assertTrue(Integer.parseInt(resultValue(registered, "registeredusersnum")) >= 3,
                "bob, carol and admin at least");

        AdHocCommandResult online = command(admin, "get-online-users-num").execute();
        assertTrue(online.isCompleted(), online.getResponse().toXML().toString());
        assertTrue(Integer.parseInt(resultValue(online, "onlineusersnum")) >= 2,
                "bob and admin at least");
    }
}

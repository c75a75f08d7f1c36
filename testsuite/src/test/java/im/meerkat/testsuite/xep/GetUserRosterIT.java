package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.ReceivedStream;
import im.meerkat.testsuite.harness.XmlNode;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * XEP-0133 §4.8 Get User Roster: listed for administrators, its form asks for
 * {@code accountjids}, the result carries the user's roster as a {@code jabber:iq:roster}
 * query; unknown users and non-administrators are refused.
 */
class GetUserRosterIT {

    private static final String NODE = "http://jabber.org/protocol/admin#get-user-roster";
    private static final String CLIENT = "jabber:client";
    private static final String COMMANDS = "http://jabber.org/protocol/commands";
    private static final String DATA = "jabber:x:data";
    private static final String ROSTER = "jabber:iq:roster";
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private static AdHocCommand command(XMPPTCPConnection connection) {
        return AdHocCommandManager.getInstance(connection)
                .getRemoteCommand(connection.getXMPPServiceDomain(), NODE);
    }

    private static String submit(String id, String jid) {
        return "<iq type='set' id='" + id + "' to='localhost'><command xmlns='" + COMMANDS
                + "' node='" + NODE + "' sessionid='s1'><x xmlns='" + DATA + "' type='submit'>"
                + "<field var='accountjids'><value>" + jid + "</value></field></x></command></iq>";
    }

    private static java.util.function.Predicate<XmlNode> iq(String id) {
        return n -> n.is(CLIENT, "iq") && id.equals(n.attribute("id"));
    }

    @Test
    void anAdministratorReadsAUsersRoster() throws Exception {
        Account bob = clients.newAccount("bob");
        Account carol = clients.newAccount("carol");
        Roster roster = Roster.getInstanceFor(clients.connect(bob, "phone"));
        roster.reloadAndWait();
        roster.createItem(carol.jid(), "Carol", new String[] {"Friends"});

        XMPPTCPConnection console = clients.connect(clients.adminAccount(), "console");
        DiscoverItems listed = AdHocCommandManager.getInstance(console)
                .discoverCommands(console.getXMPPServiceDomain());
        assertTrue(listed.getItems().stream().anyMatch(i -> NODE.equals(i.getNode())),
                "listed among the commands");
        FillableForm form = command(console).execute().asExecutingOrThrow().getFillableForm();
        assertNotNull(form.getDataForm().getField("accountjids"), "the form asks for accountjids");

        Account admin = clients.adminAccount();
        try (RawXmppClient raw = RawXmppClient.connect(clients.node().config().c2sPort())) {
            raw.login(clients.node().domain(), clients.node().tls().sslContext(), admin.user(),
                    admin.password(), "raw");
            raw.send(submit("r1", bob.bare()));
            raw.send(submit("r2", "nobody-" + System.nanoTime() + "@localhost"));
            ReceivedStream stream = raw.await(s -> s.find(iq("r1")).isPresent()
                    && s.find(iq("r2")).isPresent(), Duration.ofSeconds(10));
            XmlNode reply = stream.find(iq("r1")).orElseThrow();
            assertEquals("result", reply.attribute("type"), reply::toString);
            XmlNode command = reply.child(COMMANDS, "command").orElseThrow();
            assertEquals("completed", command.attribute("status"), command::toString);
            XmlNode query = command.child(DATA, "x").orElseThrow().child(ROSTER, "query")
                    .orElseThrow(() -> new AssertionError("no roster in " + command));
            assertEquals(1, query.children().size(), query::toString);
            XmlNode item = query.children().get(0);
            assertEquals(carol.bare(), item.attribute("jid"));
            assertEquals("Carol", item.attribute("name"));
            assertEquals("none", item.attribute("subscription"));
            assertEquals(List.of("Friends"), item.children().stream().map(XmlNode::text).toList());

            XmlNode unknown = stream.find(iq("r2")).orElseThrow();
            assertEquals("item-not-found", unknown.child(CLIENT, "error").orElseThrow()
                    .condition(STANZAS).orElseThrow(), unknown::toString);
        }
    }

    @Test
    void aUserWhoIsNotAnAdministratorIsForbidden() throws Exception { // XEP-0133 §2
        XMPPTCPConnection user = clients.connect(clients.newAccount("plain"), "desk");
        XMPPErrorException refused = assertThrows(XMPPErrorException.class,
                () -> command(user).execute());
        assertEquals(StanzaError.Condition.forbidden, refused.getStanzaError().getCondition());
    }
}

package im.meerkat.server.adhoc;

import static im.meerkat.server.iq.Requests.refusal;
import static im.meerkat.server.iq.Requests.request;
import static im.meerkat.server.iq.Requests.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.admin.AccountAdministration;
import im.meerkat.server.iq.IqScope;
import im.meerkat.server.routing.Delivery;
import im.meerkat.server.routing.TestServer;
import im.meerkat.server.routing.TestServer.Client;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * XEP-0133 end-user-session (§4.5), announce (§4.23), get-registered-users-num (§4.13) and
 * get-online-users-num (§4.15), run through the ad-hoc command handler.
 */
class MoreAdminCommandsTest {

    private static final String CMD = "http://jabber.org/protocol/commands";
    private static final String ADMIN = "http://jabber.org/protocol/admin";
    private static final String XDATA = "jabber:x:data";
    private static final String ADMIN_JID = "admin@example.org/console";

    private final TestServer server = new TestServer();
    private final AccountAdministration admin = new AccountAdministration(server.accounts,
            server.registry, server.config);
    private final Delivery delivery = new Delivery(server.registry, (record, stanza) -> false,
            message -> false);
    private final AdhocCommandHandler handler = new AdhocCommandHandler(new AdminCommands(List.of(
            new EndUserSessionCommand(admin), new AnnounceCommand(admin, delivery),
            new RegisteredUsersNumCommand(admin), new OnlineUsersNumCommand(admin))),
            server.config);

    private Element run(String from, String node, String fields) {
        return result(handler, request(from, IqScope.SERVER, submit(node, fields)));
    }

    private static String submit(String node, String fields) {
        return "<iq type='set' id='s1' to='example.org'><command xmlns='" + CMD + "' node='"
                + ADMIN + "#" + node + "' sessionid='abc'><x xmlns='" + XDATA + "' type='submit'>"
                + "<field var='FORM_TYPE'><value>" + ADMIN + "</value></field>" + fields
                + "</x></command></iq>";
    }

    private static String execute(String node) {
        return "<iq type='set' id='e1' to='example.org'><command xmlns='" + CMD + "' node='"
                + ADMIN + "#" + node + "' action='execute'/></iq>";
    }

    private static String field(String var, String... values) {
        StringBuilder b = new StringBuilder("<field var='" + var + "'>");
        for (String v : values) {
            b.append("<value>").append(v).append("</value>");
        }
        return b.append("</field>").toString();
    }

    private static String resultValue(Element command, String var) {
        Element form = command.child(XmlName.of(XDATA, "x")).orElseThrow(
                () -> new AssertionError("no result form in " + command.toXml()));
        assertEquals("result", form.attribute("type"));
        return form.children(XmlName.of(XDATA, "field")).stream()
                .filter(f -> var.equals(f.attribute("var"))).findFirst()
                .flatMap(f -> f.childText(XmlName.of(XDATA, "value")))
                .orElseThrow(() -> new AssertionError("no " + var + " in " + form.toXml()));
    }

    @Test
    void endUserSessionEndsEverySessionOfABareJidOrOneOfAFullJid() { // XEP-0133 §4.5
        Client evePhone = server.login("eve", "phone");
        Client eveLaptop = server.login("eve", "laptop");
        Client bob = server.login("bob", "pc");
        Client bobPhone = server.login("bob", "phone");
        Element done = run(ADMIN_JID, "end-user-session",
                field("accountjids", "eve@example.org", "bob@example.org/pc"));
        assertEquals("completed", done.attribute("status"));
        assertEquals(StreamErrorCondition.POLICY_VIOLATION,
                evePhone.channel.closedWith().condition());
        assertTrue(eveLaptop.channel.closed());
        assertTrue(bob.channel.closed());
        assertFalse(bobPhone.channel.closed());
        assertEquals(List.of(), server.registry.records(Jid.of("eve@example.org")));
    }

    @Test
    void endUserSessionChecksEveryJidBeforeEndingAny() {
        Client eve = server.login("eve", "phone");
        assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, refusal(handler, request(ADMIN_JID,
                IqScope.SERVER, submit("end-user-session",
                        field("accountjids", "eve@example.org", "someone@elsewhere.test")))));
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(handler, request(ADMIN_JID,
                IqScope.SERVER, submit("end-user-session", field("accountjids")))));
        assertFalse(eve.channel.closed());
    }

    @Test
    void announceReachesEveryOnlineSessionAsAHeadline() { // XEP-0133 §4.23
        Client eve = server.login("eve", "phone");
        Client bob = server.login("bob", "pc");
        Element done = run(ADMIN_JID, "announce", field("subject", "Maintenance")
                + field("announcement", "Down at 22:00", "for ten minutes"));
        assertEquals("completed", done.attribute("status"));
        for (Client c : List.of(eve, bob)) {
            List<Element> got = c.received();
            assertEquals(1, got.size(), got::toString);
            Element m = got.get(0);
            assertEquals("message", m.localName());
            assertEquals("headline", m.attribute("type"));
            assertEquals("example.org", m.attribute("from"));
            assertEquals(c.jid.toString(), m.attribute("to"));
            assertEquals("Maintenance", m.childText(XmlName.of(m.namespace(), "subject"))
                    .orElseThrow());
            assertEquals("Down at 22:00\nfor ten minutes",
                    m.childText(XmlName.of(m.namespace(), "body")).orElseThrow());
        }
    }

    @Test
    void announceNeedsText() {
        Client eve = server.login("eve", "phone");
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(handler, request(ADMIN_JID,
                IqScope.SERVER, submit("announce", field("subject", "x")))));
        assertTrue(eve.received().isEmpty());
    }

    @Test
    void commandsWithoutInputCompleteOnTheFirstExecution() throws Exception { // XEP-0133 §4.13, §4.15
        server.login("eve", "phone");
        server.login("eve", "laptop");
        server.login("bob", "pc");
        server.accounts.create(Jid.of("carol@example.org"), "pw");
        Element registered = result(handler, request(ADMIN_JID, IqScope.SERVER,
                execute("get-registered-users-num")));
        assertEquals("completed", registered.attribute("status"));
        assertEquals("3", resultValue(registered, "registeredusersnum"));
        Element online = result(handler, request(ADMIN_JID, IqScope.SERVER,
                execute("get-online-users-num")));
        assertEquals("completed", online.attribute("status"));
        assertEquals("2", resultValue(online, "onlineusersnum"));
    }

    @Test
    void theNewCommandsAreForAdministratorsOnly() { // XEP-0133 §3
        Client eve = server.login("eve", "phone");
        for (String node : List.of("end-user-session", "announce", "get-registered-users-num",
                "get-online-users-num")) {
            assertEquals(StanzaErrorCondition.FORBIDDEN, refusal(handler,
                    request("eve@example.org/phone", IqScope.SERVER, execute(node))), node);
        }
        assertEquals(StanzaErrorCondition.FORBIDDEN, refusal(handler,
                request("eve@example.org/phone", IqScope.SERVER, submit("announce",
                        field("announcement", "spam")))));
        assertTrue(eve.received().isEmpty());
    }
}

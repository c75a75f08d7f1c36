package im.meerkat.server.adhoc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.TestServer;
import im.meerkat.server.routing.TestServer.Client;
import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** XEP-0133 Service Administration over XEP-0050 ad-hoc commands. */
class AdminCommandsTest {

    private static final String CMD = "http://jabber.org/protocol/commands";
    private static final String ADMIN = "http://jabber.org/protocol/admin";
    private static final String ITEMS = "http://jabber.org/protocol/disco#items";
    private final TestServer server = new TestServer();
    private final Client admin = server.login("admin", "console");
    private final Client user = server.login("mallory", "pc");

    private Element ask(Client c, String iq) {
        c.send(iq);
        List<Element> r = c.received();
        assertEquals(1, r.size(), () -> "expected one reply, got " + r);
        return r.get(0);
    }

    private static String execute(String node) {
        return "<iq type='set' id='e1' to='example.org'><command xmlns='" + CMD + "' node='"
                + ADMIN + "#" + node + "' action='execute'/></iq>";
    }

    private static String submit(String node, String fields) {
        return "<iq type='set' id='s1' to='example.org'><command xmlns='" + CMD + "' node='"
                + ADMIN + "#" + node + "' sessionid='abc'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE'><value>" + ADMIN + "</value></field>" + fields
                + "</x></command></iq>";
    }

    private static String field(String var, String... values) {
        StringBuilder b = new StringBuilder("<field var='" + var + "'>");
        for (String v : values) {
            b.append("<value>").append(v).append("</value>");
        }
        return b.append("</field>").toString();
    }

    private static Element command(Element reply) {
        return reply.child(XmlName.of(CMD, "command")).orElseThrow(
                () -> new AssertionError("no command in " + reply));
    }

    @Test
    void commandsAreListedForAdministratorsOnly() { // XEP-0050 §2.2
        String query = "<iq type='get' id='l' to='example.org'><query xmlns='" + ITEMS
                + "' node='" + CMD + "'/></iq>";
        List<Element> items = ask(admin, query).child(XmlName.of(ITEMS, "query")).orElseThrow()
                .elements();
        assertEquals(List.of(ADMIN + "#add-user", ADMIN + "#change-user-password",
                ADMIN + "#delete-user", ADMIN + "#get-online-users-list"),
                items.stream().map(i -> i.attribute("node")).toList());
        assertEquals("example.org", items.get(0).attribute("jid"));
        assertEquals(List.of(), ask(user, query).child(XmlName.of(ITEMS, "query")).orElseThrow()
                .elements());
    }

    @Test
    void nonAdministratorsAreForbidden() { // XEP-0133 §3
        for (String node : List.of("add-user", "delete-user", "change-user-password",
                "get-online-users-list")) {
            assertEquals(StanzaErrorCondition.FORBIDDEN,
                    Xml.errorCondition(ask(user, execute(node))).orElseThrow());
        }
        Element r = ask(user, submit("add-user", field("accountjid", "eve@example.org")
                + field("password", "p") + field("password-verify", "p")));
        assertEquals(StanzaErrorCondition.FORBIDDEN, Xml.errorCondition(r).orElseThrow());
        assertFalse(server.accounts.exists(Jid.of("eve@example.org")));
    }

    @Test
    void executeReturnsTheFormToFill() { // XEP-0050 §4.1, XEP-0133 §4.1
        Element command = command(ask(admin, execute("add-user")));
        assertEquals("executing", command.attribute("status"));
        assertEquals(ADMIN + "#add-user", command.attribute("node"));
        assertFalse(command.attribute("sessionid").isEmpty());
        Element form = command.child(XmlName.of("jabber:x:data", "x")).orElseThrow();
        assertEquals("form", form.attribute("type"));
        assertEquals(List.of("FORM_TYPE", "accountjid", "password", "password-verify"),
                form.children(XmlName.of("jabber:x:data", "field")).stream()
                        .map(f -> f.attribute("var")).toList());
    }

    @Test
    void addUserCreatesTheAccount() { // XEP-0133 §4.1
        Element command = command(ask(admin, submit("add-user",
                field("accountjid", "eve@example.org") + field("password", "pw")
                        + field("password-verify", "pw"))));
        assertEquals("completed", command.attribute("status"));
        assertEquals("abc", command.attribute("sessionid"));
        assertEquals("pw", server.accounts.password(Jid.of("eve@example.org")));
    }

    @Test
    void addUserRefusesMismatchedPasswordsExistingAccountsAndOtherDomains() {
        assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, Xml.errorCondition(ask(admin,
                submit("add-user", field("accountjid", "eve@example.org")
                        + field("password", "a") + field("password-verify", "b")))).orElseThrow());
        assertEquals(StanzaErrorCondition.CONFLICT, Xml.errorCondition(ask(admin,
                submit("add-user", field("accountjid", "mallory@example.org")
                        + field("password", "a") + field("password-verify", "a")))).orElseThrow());
        assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, Xml.errorCondition(ask(admin,
                submit("add-user", field("accountjid", "eve@elsewhere.test")
                        + field("password", "a") + field("password-verify", "a")))).orElseThrow());
        assertEquals(StanzaErrorCondition.BAD_REQUEST, Xml.errorCondition(ask(admin,
                submit("add-user", field("password", "a")))).orElseThrow());
        assertFalse(server.accounts.exists(Jid.of("eve@example.org")));
    }

    @Test
    void deleteUserDeletesAndEndsTheSessions() { // XEP-0133 §4.2
        server.login("eve", "x");
        Client eve = server.login("eve", "y");
        Element command = command(ask(admin, submit("delete-user",
                field("accountjids", "eve@example.org", "mallory@example.org"))));
        assertEquals("completed", command.attribute("status"));
        assertFalse(server.accounts.exists(Jid.of("eve@example.org")));
        assertFalse(server.accounts.exists(Jid.of("mallory@example.org")));
        assertEquals(StreamErrorCondition.NOT_AUTHORIZED, eve.channel.closedWith().condition());
        assertTrue(user.channel.closed());
        assertEquals(List.of(), server.registry.records(Jid.of("eve@example.org")));
    }

    @Test
    void deleteUserWithAMalformedJidDeletesNothing() {
        server.login("eve", "x");
        Element reply = ask(admin, submit("delete-user",
                field("accountjids", "eve@example.org", "not a jid@@")));
        assertEquals(StanzaErrorCondition.NOT_ACCEPTABLE, Xml.errorCondition(reply).orElseThrow());
        assertTrue(server.accounts.exists(Jid.of("eve@example.org")));
    }

    @Test
    void changeUserPassword() { // XEP-0133 §4.7
        command(ask(admin, submit("change-user-password",
                field("accountjid", "mallory@example.org") + field("password", "new"))));
        assertEquals("new", server.accounts.password(Jid.of("mallory@example.org")));
        assertEquals(StanzaErrorCondition.ITEM_NOT_FOUND, Xml.errorCondition(ask(admin,
                submit("change-user-password", field("accountjid", "nobody@example.org")
                        + field("password", "new")))).orElseThrow());
    }

    @Test
    void onlineUsersAreListedOncePerAccount() { // XEP-0133 §4.20
        server.login("mallory", "phone");
        Element command = command(ask(admin, submit("get-online-users-list",
                field("max_items", "25"))));
        assertEquals("completed", command.attribute("status"));
        Element form = command.child(XmlName.of("jabber:x:data", "x")).orElseThrow();
        assertEquals("result", form.attribute("type"));
        Element jids = form.children(XmlName.of("jabber:x:data", "field")).stream()
                .filter(f -> "onlineuserjids".equals(f.attribute("var"))).findFirst().orElseThrow();
        assertEquals(List.of("admin@example.org", "mallory@example.org"),
                jids.children(XmlName.of("jabber:x:data", "value")).stream()
                        .map(Element::text).toList());

        Element limited = command(ask(admin, submit("get-online-users-list",
                field("max_items", "1")))).child(XmlName.of("jabber:x:data", "x")).orElseThrow();
        assertEquals(1, limited.children(XmlName.of("jabber:x:data", "field")).get(1)
                .children(XmlName.of("jabber:x:data", "value")).size());
    }

    @Test
    void cancelEndsTheCommand() { // XEP-0050 §4.3
        Element command = command(ask(admin, "<iq type='set' id='c' to='example.org'><command xmlns='"
                + CMD + "' node='" + ADMIN + "#add-user' sessionid='abc' action='cancel'/></iq>"));
        assertEquals("canceled", command.attribute("status"));
        assertNull(command.child(XmlName.of("jabber:x:data", "x")).orElse(null));
    }

    @Test
    void unknownCommandIsItemNotFound() {
        Element reply = ask(admin, "<iq type='set' id='u' to='example.org'><command xmlns='" + CMD
                + "' node='" + ADMIN + "#announce' action='execute'/></iq>");
        assertEquals(StanzaErrorCondition.ITEM_NOT_FOUND, Xml.errorCondition(reply).orElseThrow());
    }

    @Test
    void commandsRunWithIqSetAndASubmittedFormToComplete() { // XEP-0050 §4
        Element get = ask(admin, "<iq type='get' id='g' to='example.org'><command xmlns='" + CMD
                + "' node='" + ADMIN + "#add-user'/></iq>");
        assertEquals(StanzaErrorCondition.BAD_REQUEST, Xml.errorCondition(get).orElseThrow());
        Element complete = ask(admin, "<iq type='set' id='c' to='example.org'><command xmlns='"
                + CMD + "' node='" + ADMIN + "#add-user' sessionid='s' action='complete'/></iq>");
        assertEquals(StanzaErrorCondition.BAD_REQUEST, Xml.errorCondition(complete).orElseThrow());
    }
}

package im.meerkat.testsuite.im;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.ReceivedStream;
import im.meerkat.testsuite.harness.XmlNode;
import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;

/**
 * The roster through Smack's {@link Roster} (RFC 6121 §2, XEP-0237): pushes reach every
 * resource that loaded the roster, a bad item is refused and changes nothing, an account's
 * roster goes with it, and the server announces versioning and offline storage.
 */
class RosterIT {

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    static Roster loaded(XMPPTCPConnection connection) {
        Roster roster = Roster.getInstanceFor(connection);
        roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
        try {
            if (!roster.isLoaded()) {
                roster.reloadAndWait();
            }
        } catch (Exception e) {
            throw new AssertionError("roster of " + connection.getUser() + " not loaded", e);
        }
        return roster;
    }

    private static final String CLIENT = "jabber:client";
    private static final String ROSTER = "jabber:iq:roster";
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    private static java.util.function.Predicate<XmlNode> iq(String id) {
        return n -> n.is(CLIENT, "iq") && id.equals(n.attribute("id"));
    }

    @Test
    void changesArePushedToEveryResourceThatLoadedTheRoster() throws Exception {
        Account alice = clients.newAccount("alice");
        BareJid bob = clients.newAccount("bob").jid();
        Roster desk = loaded(clients.connect(alice, "desk"));
        Roster phone = loaded(clients.connect(alice, "phone"));

        desk.createItem(bob, "Bob", new String[] {"Friends"});
        // Smack files a pushed item under its groups just after adding it: wait for both
        Await.until("the item at the phone", () -> phone.getEntry(bob) != null
                && !phone.getEntry(bob).getGroups().isEmpty(), phone::getEntries);
        RosterEntry atPhone = phone.getEntry(bob);
        assertEquals("Bob", atPhone.getName());
        assertEquals(List.of("Friends"), atPhone.getGroups().stream().map(RosterGroup::getName).toList());
        assertEquals(org.jivesoftware.smack.roster.packet.RosterPacket.ItemType.none, atPhone.getType());

        desk.getEntry(bob).setName("Robert");
        Await.until("the new name at the phone",
                () -> "Robert".equals(phone.getEntry(bob).getName()), phone::getEntries);

        desk.removeEntry(desk.getEntry(bob));
        Await.until("the removal at the phone", () -> phone.getEntry(bob) == null,
                phone::getEntries);
        // The result of the remove and the push to the desk itself come in either order
        Await.until("the removal at the desk", () -> desk.getEntry(bob) == null, desk::getEntries);
    }

    @Test
    void aBadItemIsRefusedAndTheRosterStaysAsItWas() throws Exception {
        Account alice = clients.newAccount("alice");
        BareJid bob = clients.newAccount("bob").jid();
        Roster roster = loaded(clients.connect(alice, "desk"));
        roster.createItem(bob, "Bob", null);

        try (RawXmppClient raw = RawXmppClient.connect(clients.node().config().c2sPort())) {
            raw.login(clients.node().domain(), clients.node().tls().sslContext(), alice.user(),
                    alice.password(), "raw");
            raw.send("<iq type='set' id='bad1'><query xmlns='jabber:iq:roster'>"
                    + "<item jid='not@a@jid' name='x'/></query></iq>");
            raw.send("<iq type='set' id='bad2'><query xmlns='jabber:iq:roster'>"
                    + "<item jid='" + bob + "'><group>A</group><group>A</group></item></query></iq>");
            raw.send("<iq type='set' id='bad3'><query xmlns='jabber:iq:roster'>"
                    + "<item jid='' name='empty'/></query></iq>");
            raw.send("<iq type='set' id='bad4'><query xmlns='jabber:iq:roster'>"
                    + "<item name='no jid'/></query></iq>");
            raw.send("<iq type='get' id='get1'><query xmlns='jabber:iq:roster'/></iq>");
            ReceivedStream stream = raw.await(s -> s.find(iq("get1")).isPresent(),
                    Duration.ofSeconds(10));
            // RFC 6121 §2.3.3: the server refuses a roster set it cannot accept
            for (String id : List.of("bad1", "bad2", "bad3", "bad4")) {
                XmlNode error = stream.find(iq(id)).orElseThrow();
                assertEquals("error", error.attribute("type"), error::toString);
                assertEquals("bad-request", error.child(CLIENT, "error").orElseThrow()
                        .condition(STANZAS).orElseThrow(), error::toString);
            }
            XmlNode items = stream.find(iq("get1")).orElseThrow().child(ROSTER, "query")
                    .orElseThrow();
            assertEquals(1, items.children().size(), items::toString);
            XmlNode item = items.children().get(0);
            assertEquals("Bob", item.attribute("name"));
            assertTrue(item.children().isEmpty(), item::toString); // no group 'A'
        }
        assertEquals("Bob", roster.getEntry(bob).getName());
        assertEquals(1, roster.getEntryCount());
    }

    @Test
    void aDeletedAccountsRosterIsGone() throws Exception {
        Account alice = clients.newAccount("alice");
        BareJid bob = clients.newAccount("bob").jid();
        XMPPTCPConnection first = clients.connect(alice, "desk");
        loaded(first).createItem(bob, "Bob", null);
        first.disconnect();
        clients.node().admin().unregister(alice.user(), alice.domain());
        clients.node().admin().register(alice.user(), alice.domain(), alice.password());
        Roster again = loaded(clients.connect(alice, "desk"));
        assertEquals(0, again.getEntryCount(), () -> again.getEntries().toString());
    }

    @Test
    void versioningPreApprovalAndOfflineStorageAreAnnounced() throws Exception {
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection c = clients.connect(alice, "desk");
        assertTrue(Roster.getInstanceFor(c).isRosterVersioningSupported(), "stream feature ver");
        assertTrue(Roster.getInstanceFor(c).isSubscriptionPreApprovalSupported(),
                "stream feature sub (RFC 6121 §3.4.1)");
        assertTrue(ServiceDiscoveryManager.getInstanceFor(c)
                .discoverInfo(c.getXMPPServiceDomain()).containsFeature("msgoffline"));
    }
}

package im.meerkat.testsuite.im;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Await;
import im.meerkat.testsuite.harness.Chat;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.Inbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A user with {@value #CONTACTS} contacts, all online and subscribed both ways: a login brings
 * every contact's presence and tells every contact (RFC 6121 §4.2, §4.3), and {@value #CONTACTS}
 * stored messages arrive after it (XEP-0160). Prints how long each took.
 */
class RosterLoadIT {

    private static final int CONTACTS = 100;

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    @Test
    void aLoginWithAHundredContactsAndAHundredStoredMessages() throws Exception {
        Account alice = clients.newAccount("alice");
        List<XMPPTCPConnection> contacts = new ArrayList<>();
        XMPPTCPConnection setup = clients.connect(alice, "setup");
        Roster setupRoster = RosterIT.loaded(setup);
        for (int i = 0; i < CONTACTS; i++) {
            XMPPTCPConnection c = clients.connect(clients.newAccount("contact"), "phone");
            Roster.getInstanceFor(c).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            Chat.available(c, 0);
            contacts.add(c);
            // alice pre-approves (§3.4), the contact asks, alice asks back: both ways
            Chat.sendStanza(setup, setup.getStanzaFactory().buildPresenceStanza()
                    .to(c.getUser().asBareJid()).ofType(Presence.Type.subscribed).build());
            Chat.sendStanza(c, c.getStanzaFactory().buildPresenceStanza()
                    .to(alice.jid()).ofType(Presence.Type.subscribe).build());
            Chat.sendStanza(setup, setup.getStanzaFactory().buildPresenceStanza()
                    .to(c.getUser().asBareJid()).ofType(Presence.Type.subscribe).build());
        }
        Await.until("100 contacts with subscription both", Duration.ofSeconds(60),
                () -> setupRoster.getEntries().stream()
                        .filter(e -> e.getType() == ItemType.both).count() == CONTACTS,
                () -> setupRoster.getEntries().stream().map(e -> e.getJid() + " " + e.getType()
                        + (e.isSubscriptionPending() ? " pending" : "")).toList());
        setup.disconnect();

        // login: the contacts learn alice's presence, alice learns each contact's
        CountDownLatch told = new CountDownLatch(CONTACTS);
        for (XMPPTCPConnection c : contacts) {
            c.addAsyncStanzaListener(p -> told.countDown(), s -> s instanceof Presence p
                    && p.isAvailable() && p.getFrom().toString().startsWith(alice.bare() + "/desk"));
        }
        long start = System.nanoTime();
        XMPPTCPConnection desk = clients.connect(alice, "desk");
        Roster roster = RosterIT.loaded(desk);
        Chat.available(desk, 0);
        Await.until("every contact's presence", () -> roster.getEntries().stream()
                .allMatch(e -> roster.getPresence(e.getJid()).isAvailable()), roster::getEntries);
        long seen = System.nanoTime();
        assertEquals(true, told.await(10, TimeUnit.SECONDS), "contacts told: " + told.getCount());
        long toldAll = System.nanoTime();
        System.out.printf("login with %d contacts: roster and all contacts' presence %d ms,"
                + " presence at all contacts %d ms%n", CONTACTS, (seen - start) / 1_000_000,
                (toldAll - start) / 1_000_000);
        desk.disconnect();
        Await.until("alice offline", () -> clients.node().admin().sessionJids().stream()
                .noneMatch(j -> j.startsWith(alice.bare() + "/")),
                () -> clients.node().admin().sessionJids());

        XMPPTCPConnection sender = contacts.get(0);
        for (int i = 0; i < CONTACTS; i++) {
            Chat.sendStanza(sender, Chat.message(sender, alice.jid(), Message.Type.chat, "m" + i));
        }
        Chat.assertChatting(sender, contacts.get(1)); // the sender's stream has been handled
        long offlineStart = System.nanoTime();
        XMPPTCPConnection again = clients.connect(alice, "tablet");
        try (Inbox inbox = Inbox.messages(again, FromMatchesFilter.createFull(sender.getUser()))) {
            Chat.available(again, 0);
            for (int i = 0; i < CONTACTS; i++) {
                assertEquals("m" + i, inbox.nextMessage("stored message " + i).getBody());
            }
        }
        System.out.printf("login with %d stored messages: all delivered %d ms%n", CONTACTS,
                (System.nanoTime() - offlineStart) / 1_000_000);
    }
}

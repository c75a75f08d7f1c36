package im.meerkat.server.roster;

import static im.meerkat.server.roster.ImTestSupport.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.offline.OfflineDelivery;
import im.meerkat.server.roster.ImServer.Client;
import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Message;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offline messages (XEP-0160) through the session layer, stored on H2. */
class OfflineMessagesTest {

    private static final Jid BOB = Jid.of("bob@example.org");

    @Test
    void storedMessagesArriveOnInitialPresenceInOrderWithADelayStamp() {
        try (ImServer server = ImServer.create(1000)) {
            server.accounts.create(BOB, "pw");
            Client alice = server.login("alice", "laptop");
            Instant before = Instant.now().minusSeconds(1);
            for (int i = 1; i <= 3; i++) {
                alice.send("<message to='bob@example.org' type='chat' id='m" + i + "'><body>"
                        + i + "</body></message>");
            }
            assertEquals(List.of(), alice.received()); // stored: no error
            assertEquals(3, server.offline.count(BOB));

            Client bob = server.login("bob", "phone");
            assertEquals(List.of(), bob.received()); // not at bind
            bob.send("<presence/>");
            List<Element> messages = named(bob.received(), "message");
            assertEquals(List.of("m1", "m2", "m3"),
                    messages.stream().map(m -> m.attribute("id")).toList());
            Element delay = messages.get(0).child(OfflineDelivery.DELAY).orElseThrow();
            assertEquals("example.org", delay.attribute("from"));
            Instant stamp = Instant.parse(delay.attribute("stamp"));
            assertTrue(!stamp.isBefore(before) && !stamp.isAfter(Instant.now()), stamp::toString);
            assertEquals("1", messages.get(0).childText(XmlName.of("jabber:client", "body"))
                    .orElseThrow());
            assertEquals(0, server.offline.count(BOB)); // deleted once delivered

            bob.logout();
            Client again = server.login("bob", "phone");
            again.send("<presence/>");
            assertEquals(List.of(), named(again.received(), "message"));
        } catch (im.meerkat.server.account.AccountException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFullStoreRefusesWithServiceUnavailable() throws Exception {
        try (ImServer server = ImServer.create(2)) {
            server.accounts.create(BOB, "pw");
            Client alice = server.login("alice", "laptop");
            for (int i = 1; i <= 3; i++) {
                alice.send("<message to='bob@example.org' id='m" + i + "'><body>x</body></message>");
            }
            List<Element> errors = alice.received();
            assertEquals(1, errors.size(), errors::toString);
            assertEquals("m3", errors.get(0).attribute("id"));
            assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE,
                    Xml.errorCondition(errors.get(0)).orElseThrow());
            assertEquals(2, server.offline.count(BOB));
        }
    }

    @Test
    void chatStatesAloneAreNotStoredAndUnknownUsersAreRefused() throws Exception {
        try (ImServer server = ImServer.create(1000)) {
            server.accounts.create(BOB, "pw");
            Client alice = server.login("alice", "laptop");
            alice.send("<message to='bob@example.org' type='chat'>"
                    + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
            assertEquals(List.of(), alice.received());
            assertEquals(0, server.offline.count(BOB));
            alice.send("<message to='nobody@example.org' id='n'><body>x</body></message>");
            assertEquals(StanzaErrorCondition.SERVICE_UNAVAILABLE,
                    Xml.errorCondition(alice.received().get(0)).orElseThrow());
        }
    }

    @Test
    void storedMessagesWaitForANonNegativePriority() throws Exception {
        try (ImServer server = ImServer.create(1000)) {
            server.accounts.create(BOB, "pw");
            server.login("alice", "laptop").send("<message to='bob@example.org'><body>x</body></message>");
            Client bob = server.login("bob", "bot");
            bob.send("<presence><priority>-1</priority></presence>");
            assertEquals(List.of(), named(bob.received(), "message"));
            assertEquals(1, server.offline.count(BOB));
            bob.send("<presence><priority>-2</priority></presence>");
            assertEquals(List.of(), named(bob.received(), "message"));
            bob.send("<presence><priority>0</priority></presence>"); // now it may receive them
            assertEquals(1, named(bob.received(), "message").size());
            assertEquals(0, server.offline.count(BOB));
            bob.send("<presence><priority>5</priority></presence>");
            assertEquals(List.of(), named(bob.received(), "message"));
        }
    }

    @Test
    void deletingTheAccountDeletesItsMessages() throws Exception {
        try (ImServer server = ImServer.create(1000)) {
            server.accounts.create(BOB, "pw");
            server.login("alice", "laptop").send("<message to='bob@example.org'><body>x</body></message>");
            server.offline.purge(BOB);
            assertEquals(0, server.offline.count(BOB));
        }
    }

    @Test
    void aMessageStoredJustAsTheRecipientCameOnlineIsDeliveredAtOnce() throws Exception {
        try (ImServer server = ImServer.create(1000)) {
            server.accounts.create(BOB, "pw");
            Client bob = server.login("bob", "phone");
            bob.send("<presence/>");
            bob.received();
            // Routing found bob unavailable, then his initial presence fetched the (empty) store,
            // then the message reached the store: it must not wait for his next login.
            Message late = (Message) Stanza.of(Xml.parse("<message xmlns='jabber:client'"
                    + " from='alice@example.org/laptop' to='bob@example.org' type='chat' id='late'>"
                    + "<body>hi</body></message>"));
            assertTrue(server.storage.accept(late));
            assertEquals(List.of("late"), named(bob.received(), "message").stream()
                    .map(m -> m.attribute("id")).toList());
            assertEquals(0, server.offline.count(BOB));
        }
    }
}

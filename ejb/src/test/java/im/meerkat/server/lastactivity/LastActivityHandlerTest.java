package im.meerkat.server.lastactivity;

import static im.meerkat.server.iq.Requests.refusal;
import static im.meerkat.server.iq.Requests.request;
import static im.meerkat.server.iq.Requests.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.iq.IqScope;
import im.meerkat.server.routing.FakeChannel;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionObserver;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.session.SessionTable;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.xml.Element;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Last Activity (XEP-0012) as the server answers it, and the logout times it records. */
class LastActivityHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");
    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final String BOB = "bob@example.org/pc";

    /** The store's contract in a map; every account exists. */
    static class MemoryStore implements LastActivityStore {
        final Map<Jid, Logout> rows = new ConcurrentHashMap<>();

        @Override
        public Optional<Logout> find(Jid account) {
            return Optional.ofNullable(rows.get(account));
        }

        @Override
        public void recordLogout(Jid account, Instant at, String status) {
            rows.put(account, new Logout(at, status));
        }

        @Override
        public void delete(Jid account) {
            rows.remove(account);
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final List<SessionObserver> observers = new ArrayList<>();
    private final SessionRegistry sessions = new SessionRegistry(
            new SessionTable(new ConcurrentHashMap<>()), observers, "node1", Clock.systemUTC());
    private boolean allowed = true;
    private final LastActivityHandler handler = new LastActivityHandler(store, sessions,
            (requester, account) -> allowed, Clock.fixed(NOW, ZoneOffset.UTC),
            NOW.minusSeconds(4242));

    private static String query(String to) {
        return "<iq type='get' id='l1'" + (to == null ? "" : " to='" + to + "'")
                + "><query xmlns='jabber:iq:last'/></iq>";
    }

    private Element ask(String from, IqScope scope, String to) {
        return result(handler, request(from, scope, query(to)));
    }

    private LocalSession login(Jid account, String resource, boolean available) throws Exception {
        LocalSession s = sessions.bind(account, resource, new FakeChannel("node1", resource));
        if (available) {
            sessions.presenceChanged(s, Presence.builder().build());
        }
        return s;
    }

    @Test
    void theServerAnswersWithItsUptime() { // XEP-0012 §5
        Element query = ask(BOB, IqScope.SERVER, "example.org");
        assertEquals("4242", query.attribute("seconds"));
        assertEquals("", query.text());
    }

    @Test
    void anOfflineUserAnswersWithTheTimeSinceTheLastLogout() { // §3
        store.recordLogout(ALICE, NOW.minusSeconds(903), null);
        assertEquals("903", ask(BOB, IqScope.OTHER_ACCOUNT, "alice@example.org")
                .attribute("seconds"));
    }

    @Test
    void aStoredStatusIsTheText() { // §3: the status of the last unavailable presence
        store.recordLogout(ALICE, NOW.minusSeconds(5), "Heading home");
        assertEquals("Heading home", ask(BOB, IqScope.OTHER_ACCOUNT, "alice@example.org").text());
    }

    @Test
    void aUserWithAnAvailableResourceIsActiveNow() throws Exception { // §3
        store.recordLogout(ALICE, NOW.minusSeconds(903), null);
        login(ALICE, "phone", true);
        assertEquals("0", ask(BOB, IqScope.OTHER_ACCOUNT, "alice@example.org")
                .attribute("seconds"));
    }

    @Test
    void aSessionWithoutPresenceIsNotAnAvailableResource() throws Exception {
        store.recordLogout(ALICE, NOW.minusSeconds(60), null);
        login(ALICE, "phone", false);
        assertEquals("60", ask(BOB, IqScope.OTHER_ACCOUNT, "alice@example.org")
                .attribute("seconds"));
    }

    @Test
    void ownAccountIsAnsweredWithoutTheAccessCheck() {
        allowed = false;
        store.recordLogout(ALICE, NOW.minusSeconds(7), null);
        assertEquals("7", ask("alice@example.org/tablet", IqScope.OWN_ACCOUNT, null)
                .attribute("seconds"));
    }

    @Test
    void aRequesterWithoutAccessIsForbidden() { // §3: no presence subscription
        allowed = false;
        store.recordLogout(ALICE, NOW.minusSeconds(7), null);
        assertEquals(StanzaErrorCondition.FORBIDDEN,
                refusal(handler, request(BOB, IqScope.OTHER_ACCOUNT, query("alice@example.org"))));
    }

    @Test
    void aUserWhoNeverLoggedOutIsItemNotFound() {
        assertEquals(StanzaErrorCondition.ITEM_NOT_FOUND,
                refusal(handler, request(BOB, IqScope.OTHER_ACCOUNT, query("alice@example.org"))));
    }

    @Test
    void aSetIsBadRequest() {
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(handler, request(BOB,
                IqScope.SERVER, "<iq type='set' id='x' to='example.org'>"
                        + "<query xmlns='jabber:iq:last'/></iq>")));
    }

    @Test
    void theEndOfASessionIsRecorded() throws Exception {
        observers.add(new LogoutRecorder(store, Clock.fixed(NOW, ZoneOffset.UTC)));
        LocalSession s = login(ALICE, "phone", true);
        sessions.unbind(s.channelId());
        assertEquals(NOW, store.find(ALICE).orElseThrow().at());
    }

    @Test
    void aFailingStoreDoesNotKeepTheSessionFromEnding() throws Exception {
        LastActivityStore broken = new MemoryStore() {
            @Override
            public void recordLogout(Jid account, Instant at, String status) {
                throw new IllegalStateException("database down");
            }
        };
        observers.add(new LogoutRecorder(broken, Clock.fixed(NOW, ZoneOffset.UTC)));
        LocalSession s = login(ALICE, "phone", true);
        sessions.unbind(s.channelId());
        assertTrue(sessions.records(ALICE).isEmpty());
    }

    @Test
    void theSettingOpensOrClosesOtherUsersActivity() {
        Jid bob = Jid.of(BOB);
        assertTrue(new SettingLastActivityAccess(Map.<String, String>of()::get)
                .mayView(bob.bare(), ALICE));
        SettingLastActivityAccess closed = new SettingLastActivityAccess(
                Map.of(SettingLastActivityAccess.PUBLIC, "false")::get);
        assertFalse(closed.mayView(bob.bare(), ALICE));
        assertTrue(closed.mayView(ALICE, ALICE));
        assertThrows(IllegalArgumentException.class, () -> new SettingLastActivityAccess(
                Map.of(SettingLastActivityAccess.PUBLIC, "yes")::get));
    }
}

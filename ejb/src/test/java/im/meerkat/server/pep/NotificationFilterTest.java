package im.meerkat.server.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.jid.Jid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who is notified of a PEP event (XEP-0163 §4.3, the +notify filter of §4.4). */
class NotificationFilterTest {

    private static final Jid ALICE = Jid.of("alice@example.org");
    private static final Jid BOB = Jid.of("bob@example.org");
    private static final Jid CAROL = Jid.of("carol@example.org");
    private static final String TUNE = "http://jabber.org/protocol/tune";
    private static final Map<String, Set<String>> VERIFIED = Map.of(
            "client#interested", Set.of(TUNE, TUNE + "+notify"),
            "client#notInterested", Set.of(TUNE));

    private static SessionRecord session(String resource, boolean available, String caps) {
        return new SessionRecord(resource, new ChannelId("n1", resource), "tcp", "-", 1,
                available, 0, false, caps, "");
    }

    private final Map<Jid, List<SessionRecord>> sessions = Map.of(
            ALICE, List.of(session("desk", true, "client#interested"),
                    session("phone", true, "client#notInterested")),
            BOB, List.of(session("laptop", true, "client#interested"),
                    session("away", false, "client#interested"),
                    session("old", true, "client#unverified"),
                    session("none", true, "")),
            CAROL, List.of(session("desk", true, "client#interested")));

    private final NotificationFilter filter = new NotificationFilter(
            a -> sessions.getOrDefault(a, List.of()),
            caps -> Optional.ofNullable(VERIFIED.get(caps)));

    @Test
    void availableResourcesWithNotifyOfTheOwnerAndSubscribersOnly() {
        assertEquals(List.of(ALICE.withResource("desk"), BOB.withResource("laptop")),
                filter.recipients(ALICE, TUNE, NodeConfig.DEFAULT, List.of(BOB)));
    }

    @Test
    void aResourceWithoutNotifyForThisNodeGetsNothing() {
        assertEquals(List.of(), filter.recipients(ALICE, "urn:xmpp:avatar:metadata",
                NodeConfig.DEFAULT, List.of(BOB, CAROL)));
    }

    @Test
    void aWhitelistNodeNotifiesTheOwnerAlone() {
        NodeConfig whitelist = new NodeConfig(AccessModel.WHITELIST, true, 1,
                SendLastPublished.ON_SUB_AND_PRESENCE, true);
        assertEquals(List.of(ALICE.withResource("desk")),
                filter.recipients(ALICE, TUNE, whitelist, List.of(BOB, CAROL)));
    }

    @Test
    void unverifiedOrMissingCapsAreNotInterested() {
        assertEquals(false, filter.interested(session("x", true, "client#unverified"), TUNE));
        assertEquals(false, filter.interested(session("x", true, ""), TUNE));
        assertEquals(true, filter.interested(session("x", true, "client#interested"), TUNE));
    }
}

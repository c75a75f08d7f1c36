package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.ReceivedStream;
import im.meerkat.testsuite.harness.XmlNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Entity capabilities (XEP-0115) as the server reads them: it asks a client for disco#info on
 * the {@code node#ver} it announced (§6.2), trusts the features only when their sha-1 hash is
 * the announced {@code ver} (§5.4), caches a verified {@code ver} and never a wrong one, and
 * filters PEP notifications by what it trusts (XEP-0163 §4.4). The clients are raw, so that
 * they can announce and answer what a test needs.
 */
class EntityCapsIT {

    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final String EVENT = "http://jabber.org/protocol/pubsub#event";
    private static final String NODE = "urn:example:meerkat-test:status";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<String> FEATURES = List.of(DISCO_INFO, NODE + "+notify");

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    /** The verification string of §5.1 for one identity client/pc//Raw and these features. */
    private static String ver(List<String> features) throws Exception {
        StringBuilder s = new StringBuilder("client/pc//Raw<");
        features.stream().sorted().forEach(f -> s.append(f).append('<'));
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private RawXmppClient login(Account account, String resource) throws Exception {
        RawXmppClient raw = RawXmppClient.connect(clients.node().config().c2sPort());
        raw.login(clients.node().domain(), clients.node().tls().sslContext(), account.user(),
                account.password(), resource);
        return raw;
    }

    /** Available presence with {@code <c/>} (§4). */
    private static void announce(RawXmppClient raw, String ver) throws Exception {
        raw.send("<presence><c xmlns='http://jabber.org/protocol/caps' hash='sha-1'"
                + " node='urn:example:raw' ver='" + ver + "'/></presence>");
    }

    private static Optional<XmlNode> discoQuery(ReceivedStream s) {
        return s.find(e -> e.name().equals("iq") && "get".equals(e.attribute("type"))
                && e.child(DISCO_INFO, "query").isPresent());
    }

    /** Waits for the server's disco#info request (§6.2) and answers it with these features. */
    private static XmlNode answerQuery(RawXmppClient raw, String announcedVer) throws Exception {
        XmlNode query = discoQuery(raw.await(s -> discoQuery(s).isPresent(), WAIT))
                .orElseThrow(() -> new AssertionError("no disco#info from the server: "
                        + raw.text()));
        StringBuilder reply = new StringBuilder("<iq type='result' id='" + query.attribute("id")
                + "' to='" + query.attribute("from") + "'><query xmlns='" + DISCO_INFO
                + "' node='urn:example:raw#" + announcedVer + "'>"
                + "<identity category='client' type='pc' name='Raw'/>");
        FEATURES.forEach(f -> reply.append("<feature var='").append(f).append("'/>"));
        raw.send(reply.append("</query></iq>").toString());
        return query;
    }

    private static boolean hasEvent(ReceivedStream s, String itemId) {
        return s.elements().stream().anyMatch(e -> e.name().equals("message")
                && e.child(EVENT, "event").flatMap(ev -> ev.child(EVENT, "items"))
                        .flatMap(i -> i.child(EVENT, "item"))
                        .map(i -> itemId.equals(i.attribute("id"))).orElse(false));
    }

    private static void ping(RawXmppClient raw, String id) throws Exception {
        raw.send("<iq type='get' id='" + id + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        raw.await(s -> s.find(e -> e.name().equals("iq") && id.equals(e.attribute("id")))
                .isPresent(), WAIT);
    }

    @Test
    void verifiedCapsAreTrustedAndCachedAWrongHashIsIgnored() throws Exception {
        Account alice = clients.newAccount("alice");
        XMPPTCPConnection owner = clients.connect(alice, "owner");
        PepManager pep = PepManager.getInstanceFor(owner);
        pep.publish(NODE, new PayloadItem<>("one", new SimplePayload(
                "<status xmlns='" + NODE + "'>one</status>")));
        String good = ver(FEATURES);
        String wrong = ver(List.of(DISCO_INFO));

        try (RawXmppClient right = login(alice, "right");
                RawXmppClient liar = login(alice, "liar")) {
            announce(right, good);
            XmlNode asked = answerQuery(right, good);
            assertEquals(clients.node().domain(), asked.attribute("from"));
            assertEquals("urn:example:raw#" + good, asked.child(DISCO_INFO, "query")
                    .orElseThrow().attribute("node"));
            // §4.3.4 of XEP-0163: verified +notify brings the last item
            assertTrue(hasEvent(right.await(s -> hasEvent(s, "one"), WAIT), "one"),
                    right::text);

            // features that do not hash to the announced ver are not trusted
            announce(liar, wrong);
            answerQuery(liar, wrong);

            pep.publish(NODE, new PayloadItem<>("two", new SimplePayload(
                    "<status xmlns='" + NODE + "'>two</status>")));
            assertTrue(hasEvent(right.await(s -> hasEvent(s, "two"), WAIT), "two"),
                    right::text);
            assertTrue(PingManager.getInstanceFor(owner).pingMyServer());
            ping(liar, "after-publish");
            assertTrue(!hasEvent(liar.received(), "one") && !hasEvent(liar.received(), "two"),
                    liar::text);
        }

        try (RawXmppClient cached = login(alice, "cached");
                RawXmppClient again = login(alice, "again")) {
            // a verified ver is known at once: no question, the last item straight away
            announce(cached, good);
            ReceivedStream s = cached.await(x -> hasEvent(x, "two"), WAIT);
            assertTrue(hasEvent(s, "two"), cached::text);
            assertTrue(discoQuery(s).isEmpty(), cached::text);

            // a wrong one was not cached: the server asks again
            announce(again, wrong);
            answerQuery(again, wrong);
        }
    }
}

package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.XmlNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Errors of the PubSub service at {@code pubsub.<domain>} that carry a pubsub application
 * condition (XEP-0060 §6.1.3, §6.2.3, §6.5.4, §7.1.3.6), in raw XML; each leaves the node as it
 * was.
 */
class PubSubServiceErrorsIT {

    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    private static final String ERRORS = PUBSUB + "#errors";
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private final AtomicInteger ids = new AtomicInteger();

    private RawXmppClient login(Account account) throws Exception {
        RawXmppClient raw = RawXmppClient.connect(clients.node().config().c2sPort());
        raw.login(clients.node().domain(), clients.node().tls().sslContext(), account.user(),
                account.password(), "raw");
        return raw;
    }

    private String service() {
        return "pubsub." + clients.node().domain();
    }

    /** Sends an IQ to the service ({@code %s} is its id) and returns the answer. */
    private XmlNode ask(RawXmppClient raw, String type, String payload) throws Exception {
        String id = "ps" + ids.incrementAndGet();
        raw.send("<iq type='" + type + "' id='" + id + "' to='" + service() + "'>" + payload
                + "</iq>");
        return raw.await(s -> s.find(e -> e.name().equals("iq") && id.equals(e.attribute("id")))
                .isPresent(), WAIT).find(e -> e.name().equals("iq")
                && id.equals(e.attribute("id"))).orElseThrow(() ->
                        new AssertionError("no answer to " + id + ": " + raw.text()));
    }

    private static void assertError(XmlNode reply, String type, String condition,
            String pubsubCondition) {
        assertEquals("error", reply.attribute("type"), reply::toString);
        XmlNode error = reply.child("jabber:client", "error").orElseThrow();
        assertEquals(type, error.attribute("type"), reply::toString);
        assertEquals(condition, error.condition(STANZAS).orElseThrow(), reply::toString);
        if (pubsubCondition != null) {
            assertTrue(error.child(ERRORS, pubsubCondition).isPresent(), reply::toString);
        }
    }

    private static String form(String... pairs) {
        StringBuilder x = new StringBuilder("<x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB
                + "#node_config</value></field>");
        for (int i = 0; i < pairs.length; i += 2) {
            x.append("<field var='").append(pairs[i]).append("'><value>").append(pairs[i + 1])
                    .append("</value></field>");
        }
        return x.append("</x>").toString();
    }

    private static void assertResult(XmlNode reply) {
        assertEquals("result", reply.attribute("type"), reply::toString);
    }

    @Test
    void publicationsMustFitTheNodesEventType() throws Exception { // §7.1.3.6
        RawXmppClient alice = login(clients.newAccount("alice"));
        String node = "transient-" + System.nanoTime();
        assertResult(ask(alice, "set", "<pubsub xmlns='" + PUBSUB + "'><create node='" + node
                + "'/><configure>" + form("pubsub#deliver_payloads", "false",
                        "pubsub#persist_items", "false") + "</configure></pubsub>"));
        assertError(ask(alice, "set", "<pubsub xmlns='" + PUBSUB + "'><publish node='" + node
                + "'><item id='1'><x xmlns='urn:test'/></item></publish></pubsub>"),
                "modify", "bad-request", "item-forbidden");
        assertResult(ask(alice, "set", "<pubsub xmlns='" + PUBSUB + "'><publish node='" + node
                + "'/></pubsub>"));

        String persistent = "persistent-" + System.nanoTime();
        assertResult(ask(alice, "set", "<pubsub xmlns='" + PUBSUB + "'><create node='"
                + persistent + "'/></pubsub>"));
        assertError(ask(alice, "set", "<pubsub xmlns='" + PUBSUB + "'><publish node='"
                + persistent + "'/></pubsub>"), "modify", "bad-request", "item-required");
        assertError(ask(alice, "set", "<pubsub xmlns='" + PUBSUB + "'><publish node='"
                + persistent + "'><item id='1'/></publish></pubsub>"), "modify", "bad-request",
                "payload-required");
        XmlNode items = ask(alice, "get", "<pubsub xmlns='" + PUBSUB + "'><items node='"
                + persistent + "'/></pubsub>");
        assertEquals(0, items.child(PUBSUB, "pubsub").flatMap(p -> p.child(PUBSUB, "items"))
                .orElseThrow().children().size(), items::toString);
    }

    @Test
    void subscriptionsAreTheRequestersOwnAndWhitelistNodesAreClosed() throws Exception {
        RawXmppClient alice = login(clients.newAccount("alice"));
        Account bobAccount = clients.newAccount("bob");
        RawXmppClient bob = login(bobAccount);
        String node = "open-" + System.nanoTime();
        assertResult(ask(alice, "set", "<pubsub xmlns='" + PUBSUB + "'><create node='" + node
                + "'/></pubsub>"));
        // §6.1.3.1: another entity's JID
        assertError(ask(bob, "set", "<pubsub xmlns='" + PUBSUB + "'><subscribe node='" + node
                + "' jid='someone@" + clients.node().domain() + "'/></pubsub>"), "modify",
                "bad-request", "invalid-jid");
        // §6.2.3.2: no subscription to end
        assertError(ask(bob, "set", "<pubsub xmlns='" + PUBSUB + "'><unsubscribe node='" + node
                + "' jid='" + bobAccount.bare() + "'/></pubsub>"), "cancel",
                "unexpected-request", "not-subscribed");

        String closed = "whitelist-" + System.nanoTime();
        assertResult(ask(alice, "set", "<pubsub xmlns='" + PUBSUB + "'><create node='" + closed
                + "'/><configure>" + form("pubsub#access_model", "whitelist")
                + "</configure></pubsub>"));
        // §6.1.3.4, §6.5.4: not on the whitelist
        assertError(ask(bob, "set", "<pubsub xmlns='" + PUBSUB + "'><subscribe node='" + closed
                + "' jid='" + bobAccount.bare() + "'/></pubsub>"), "cancel", "not-allowed",
                "closed-node");
        assertError(ask(bob, "get", "<pubsub xmlns='" + PUBSUB + "'><items node='" + closed
                + "'/></pubsub>"), "cancel", "not-allowed", "closed-node");
        // a service node has no roster to decide presence access
        assertError(ask(alice, "set", "<pubsub xmlns='" + PUBSUB + "'><create node='p"
                + System.nanoTime() + "'/><configure>" + form("pubsub#access_model", "presence")
                + "</configure></pubsub>"), "modify", "not-acceptable", null);
    }
}

package im.meerkat.testsuite.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.testsuite.harness.Account;
import im.meerkat.testsuite.harness.Clients;
import im.meerkat.testsuite.harness.NodeConfig;
import im.meerkat.testsuite.harness.RawXmppClient;
import im.meerkat.testsuite.harness.XmlNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Publish-options (XEP-0060 §7.1.5) as bookmarks use them (XEP-0402 §3), access models (§4.5),
 * the owner's node configuration, purge and deletion (§8.2, §8.4, §8.5) and the payload limit
 * (§7.1.3.4), in raw XML.
 */
class PepOptionsIT {

    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    private static final String OWNER = PUBSUB + "#owner";
    private static final String ERRORS = PUBSUB + "#errors";
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    private static final String BOOKMARKS = "urn:xmpp:bookmarks:1";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final Clients clients = Clients.onSharedNode();

    private final AtomicInteger ids = new AtomicInteger();

    private RawXmppClient login(Account account, String resource) throws Exception {
        RawXmppClient raw = RawXmppClient.connect(clients.node().config().c2sPort());
        raw.login(clients.node().domain(), clients.node().tls().sslContext(), account.user(),
                account.password(), resource);
        return raw;
    }

    /** Sends an IQ (the {@code %s} in it is its id) and returns the server's answer. */
    private XmlNode ask(RawXmppClient raw, String iq) throws Exception {
        String id = "q" + ids.incrementAndGet();
        raw.send(iq.formatted(id));
        return raw.await(s -> s.find(e -> e.name().equals("iq") && id.equals(e.attribute("id")))
                .isPresent(), WAIT).find(e -> e.name().equals("iq")
                && id.equals(e.attribute("id"))).orElseThrow(() ->
                        new AssertionError("no answer to " + id + ": " + raw.text()));
    }

    private static String options(String... pairs) {
        StringBuilder x = new StringBuilder("<publish-options><x xmlns='jabber:x:data'"
                + " type='submit'><field var='FORM_TYPE' type='hidden'><value>" + PUBSUB
                + "#publish-options</value></field>");
        for (int i = 0; i < pairs.length; i += 2) {
            x.append("<field var='").append(pairs[i]).append("'><value>").append(pairs[i + 1])
                    .append("</value></field>");
        }
        return x.append("</x></publish-options>").toString();
    }

    private static final String BOOKMARK_OPTIONS = options("pubsub#persist_items", "true",
            "pubsub#max_items", "max", "pubsub#send_last_published_item", "never",
            "pubsub#access_model", "whitelist");

    private static String publishBookmark(String jid, String name, String opts) {
        return "<iq type='set' id='%s'><pubsub xmlns='" + PUBSUB + "'><publish node='"
                + BOOKMARKS + "'><item id='" + jid + "'><conference xmlns='" + BOOKMARKS
                + "' name='" + name + "' autojoin='true'/></item></publish>" + opts
                + "</pubsub></iq>";
    }

    private static String items(String owner, String node) {
        return "<iq type='get' id='%s'" + (owner == null ? "" : " to='" + owner + "'")
                + "><pubsub xmlns='" + PUBSUB + "'><items node='" + node + "'/></pubsub></iq>";
    }

    private static List<String> itemIds(XmlNode result) {
        return result.child(PUBSUB, "pubsub").flatMap(p -> p.child(PUBSUB, "items"))
                .map(i -> i.children().stream().map(c -> c.attribute("id")).toList())
                .orElseThrow(() -> new AssertionError("no items: " + result));
    }

    private static void assertError(XmlNode reply, String condition, String pubsubCondition) {
        assertEquals("error", reply.attribute("type"), reply::toString);
        XmlNode error = reply.child("jabber:client", "error").orElseThrow();
        assertEquals(condition, error.condition(STANZAS).orElseThrow(), reply::toString);
        if (pubsubCondition != null) {
            assertTrue(error.child(ERRORS, pubsubCondition).isPresent(), reply::toString);
        }
    }

    @Test
    void bookmarksKeepEveryItemPrivatelyAndAMismatchIsAPreconditionNotMet() throws Exception {
        Account alice = clients.newAccount("alice");
        try (RawXmppClient a = login(alice, "desk");
                RawXmppClient stranger = login(clients.newAccount("eve"), "desk")) {
            XmlNode first = ask(a, publishBookmark("tea@muc.example", "Tea", BOOKMARK_OPTIONS));
            assertEquals("result", first.attribute("type"), first::toString);
            ask(a, publishBookmark("cake@muc.example", "Cake", BOOKMARK_OPTIONS));
            ask(a, publishBookmark("pie@muc.example", "Pie", BOOKMARK_OPTIONS));
            assertEquals(List.of("tea@muc.example", "cake@muc.example", "pie@muc.example"),
                    itemIds(ask(a, items(null, BOOKMARKS))), "max_items max keeps all");

            // §7.1.5: options the node does not have
            XmlNode open = ask(a, publishBookmark("x@muc.example", "X",
                    options("pubsub#access_model", "open")));
            assertError(open, "conflict", "precondition-not-met");
            assertEquals(3, itemIds(ask(a, items(null, BOOKMARKS))).size());

            // whitelist: the owner alone (§6.5.4 for anyone else)
            assertError(ask(stranger, items(alice.bare(), BOOKMARKS)), "not-allowed",
                    "closed-node");
        }
    }

    @Test
    void ownerConfiguresPurgesAndDeletesOthersMayNot() throws Exception { // §8.2, §8.4, §8.5
        Account alice = clients.newAccount("alice");
        String node = "urn:example:meerkat-test:notes";
        String publish = "<iq type='set' id='%s'><pubsub xmlns='" + PUBSUB + "'><publish node='"
                + node + "'><item><note xmlns='" + node + "'>hi</note></item></publish>"
                + "</pubsub></iq>";
        try (RawXmppClient a = login(alice, "desk");
                RawXmppClient mallory = login(clients.newAccount("mallory"), "desk")) {
            XmlNode published = ask(a, publish);
            String generated = published.child(PUBSUB, "pubsub")
                    .flatMap(p -> p.child(PUBSUB, "publish")).flatMap(p -> p.child(PUBSUB, "item"))
                    .map(i -> i.attribute("id")).orElseThrow();
            assertTrue(!generated.isEmpty()); // §7.1.2: the service generates the id

            XmlNode form = ask(a, "<iq type='get' id='%s'><pubsub xmlns='" + OWNER
                    + "'><configure node='" + node + "'/></pubsub></iq>");
            assertTrue(form.toString().contains("pubsub#access_model"), form::toString);

            XmlNode configured = ask(a, "<iq type='set' id='%s'><pubsub xmlns='" + OWNER
                    + "'><configure node='" + node + "'><x xmlns='jabber:x:data' type='submit'>"
                    + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB
                    + "#node_config</value></field><field var='pubsub#max_items'><value>5"
                    + "</value></field><field var='pubsub#access_model'><value>open</value>"
                    + "</field></x></configure></pubsub></iq>");
            assertEquals("result", configured.attribute("type"), configured::toString);
            ask(a, publish);
            assertEquals(2, itemIds(ask(a, items(null, node))).size());
            // open: anyone may read
            assertEquals(2, itemIds(ask(mallory, items(alice.bare(), node))).size());

            String purge = "<iq type='set' id='%s' to='" + alice.bare() + "'><pubsub xmlns='"
                    + OWNER + "'><purge node='" + node + "'/></pubsub></iq>";
            assertError(ask(mallory, purge), "forbidden", null);
            assertEquals(2, itemIds(ask(a, items(null, node))).size());
            assertEquals("result", ask(a, purge).attribute("type"));
            assertEquals(List.of(), itemIds(ask(a, items(null, node))));

            String delete = "<iq type='set' id='%s' to='" + alice.bare() + "'><pubsub xmlns='"
                    + OWNER + "'><delete node='" + node + "'/></pubsub></iq>";
            assertError(ask(mallory, delete), "forbidden", null);
            assertEquals("result", ask(a, delete).attribute("type"));
            assertError(ask(a, items(null, node)), "item-not-found", null);
        }
    }

    @Test
    void presenceAccessNeedsASubscriptionAndOnlyTheOwnerPublishes() throws Exception {
        // XEP-0163 §4.2 (presence access by default), XEP-0060 §6.5.3 and §7.1.3.1
        Account alice = clients.newAccount("alice");
        String node = "http://jabber.org/protocol/tune";
        String publish = "<iq type='set' id='%s'%s><pubsub xmlns='" + PUBSUB + "'><publish node='"
                + node + "'><item id='%s'><tune xmlns='" + node + "'><title>%s</title></tune>"
                + "</item></publish></pubsub></iq>";
        try (RawXmppClient a = login(alice, "desk");
                RawXmppClient mallory = login(clients.newAccount("mallory"), "desk")) {
            assertEquals("result", ask(a, publish.formatted("%s", "", "mine", "mine"))
                    .attribute("type"));
            assertError(ask(mallory, items(alice.bare(), node)), "not-authorized",
                    "presence-subscription-required");
            assertError(ask(mallory, publish.formatted("%s", " to='" + alice.bare() + "'",
                    "forged", "forged")), "forbidden", null);
            assertEquals(List.of("mine"), itemIds(ask(a, items(null, node))));
            // disco#info on the node is no way around the access model (XEP-0060 §5.4)
            assertError(ask(mallory, "<iq type='get' id='%s' to='" + alice.bare() + "'><query"
                    + " xmlns='http://jabber.org/protocol/disco#info' node='" + node
                    + "'/></iq>"), "not-authorized", "presence-subscription-required");
        }
    }

    @Test
    void aPayloadOverTheLimitIsRefusedAndStoresNothing() throws Exception { // §7.1.3.4
        Account alice = clients.newAccount("alice");
        String node = "urn:example:meerkat-test:big";
        try (RawXmppClient a = login(alice, "desk")) {
            XmlNode big = ask(a, "<iq type='set' id='%s'><pubsub xmlns='" + PUBSUB
                    + "'><publish node='" + node + "'><item id='1'><blob xmlns='" + node + "'>"
                    + "x".repeat(NodeConfig.STORAGE_MAX_BYTES) + "</blob></item></publish>"
                    + "</pubsub></iq>");
            assertError(big, "not-acceptable", "payload-too-big");
            assertError(ask(a, items(null, node)), "item-not-found", null);
        }
    }
}

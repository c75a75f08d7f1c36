package im.meerkat.server.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Publish-options (XEP-0060 §7.1.5): the configuration a new node gets from them, and the
 * precondition check against an existing node.
 */
class PublishOptionsTest {

    private static Map<String, List<String>> options(String... pairs) throws StanzaErrorException {
        StringBuilder x = new StringBuilder("<x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE' type='hidden'>"
                + "<value>http://jabber.org/protocol/pubsub#publish-options</value></field>");
        for (int i = 0; i < pairs.length; i += 2) {
            x.append("<field var='").append(pairs[i]).append("'><value>").append(pairs[i + 1])
                    .append("</value></field>");
        }
        return ConfigForm.fields(Xml.parse(x.append("</x>").toString()),
                PubSub.PUBLISH_OPTIONS);
    }

    @Test
    void bookmarksOptionsMakeAPrivateNodeKeepingAsManyItemsAsTheServerDoes() throws Exception {
        // XEP-0402 §3: persist_items true, max_items max, send_last on_sub_and_presence,
        // access_model whitelist
        NodeConfig config = ConfigForm.apply(NodeConfig.DEFAULT, options(
                "pubsub#persist_items", "true", "pubsub#max_items", "max",
                "pubsub#send_last_published_item", "on_sub_and_presence",
                "pubsub#access_model", "whitelist")).orElseThrow();
        assertEquals(new NodeConfig(AccessModel.WHITELIST, true, NodeConfig.MAX_ITEMS,
                SendLastPublished.ON_SUB_AND_PRESENCE, true), config);
        assertEquals(1000, config.keeps(1000));
        assertEquals("max", config.value(NodeConfig.MAX_ITEMS_FIELD));
    }

    @Test
    void withoutOptionsANodeHasThePepDefaults() throws Exception { // XEP-0163 §4.2, §4.3.4
        assertEquals(Optional.of(NodeConfig.DEFAULT),
                ConfigForm.apply(NodeConfig.DEFAULT, options()));
        assertEquals(AccessModel.PRESENCE, NodeConfig.DEFAULT.access());
    }

    @Test
    void optionsEqualToTheNodesConfigurationAreMet() throws Exception {
        NodeConfig node = new NodeConfig(AccessModel.OPEN, true, 10,
                SendLastPublished.ON_SUB_AND_PRESENCE, true);
        assertEquals(Optional.empty(), ConfigForm.unmet(node, options(
                "pubsub#access_model", "open", "pubsub#max_items", "10",
                "pubsub#persist_items", "1")));
    }

    @Test
    void aDifferentValueIsAPreconditionNotMet() throws Exception {
        NodeConfig node = NodeConfig.DEFAULT;
        assertEquals(Optional.of("pubsub#access_model"),
                ConfigForm.unmet(node, options("pubsub#access_model", "whitelist")));
        assertEquals(Optional.of("pubsub#max_items"),
                ConfigForm.unmet(node, options("pubsub#max_items", "max")));
    }

    @Test
    void anUnknownFieldOrUnsupportedValueIsNeverMet() throws Exception {
        assertEquals(Optional.of("pubsub#publish_model"), ConfigForm.unmet(NodeConfig.DEFAULT,
                options("pubsub#publish_model", "open")));
        assertTrue(ConfigForm.apply(NodeConfig.DEFAULT,
                options("pubsub#access_model", "authorize")).isEmpty());
        assertTrue(ConfigForm.apply(NodeConfig.DEFAULT,
                options("pubsub#max_items", "0")).isEmpty());
    }

    @Test
    void aFormOfAnotherTypeIsABadRequest() {
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () ->
                ConfigForm.fields(Xml.parse("<x xmlns='jabber:x:data' type='submit'>"
                        + "<field var='FORM_TYPE'><value>urn:other</value></field></x>"),
                        PubSub.PUBLISH_OPTIONS));
        assertEquals(StanzaErrorCondition.BAD_REQUEST, e.error().condition());
    }

    @Test
    void aNodeThatDoesNotPersistKeepsItsLastItem() {
        NodeConfig transientNode = new NodeConfig(AccessModel.PRESENCE, false, 50,
                SendLastPublished.ON_SUB_AND_PRESENCE, true);
        assertEquals(1, transientNode.keeps(1000));
    }
}

package im.meerkat.server.pep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaError;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.xml.Element;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a publication to a node of the PubSub service must carry for the node's event type
 * (XEP-0060 §7.1.3.6, §4.3), and the {@code pubsub#deliver_payloads} setting that makes a node
 * notification-only.
 */
class ServicePublicationTest {

    private static final NodeConfig PAYLOAD_PERSISTENT = NodeConfig.SERVICE_DEFAULT;
    private static final NodeConfig NOTIFICATION_TRANSIENT = new NodeConfig(AccessModel.OPEN,
            false, 1, SendLastPublished.NEVER, true, false);
    private static final NodeConfig NOTIFICATION_PERSISTENT = new NodeConfig(AccessModel.OPEN,
            true, 10, SendLastPublished.NEVER, true, false);

    private static List<Element> items(String xml) throws Exception {
        return Xml.parse("<publish xmlns='http://jabber.org/protocol/pubsub' node='n'>" + xml
                + "</publish>").children(PubSub.ITEM);
    }

    private static void assertPubSubError(StanzaErrorCondition condition, String pubsubCondition,
            StanzaErrorException e) {
        StanzaError error = e.error();
        assertEquals(condition, error.condition());
        assertEquals(1, error.applicationConditions().size());
        assertEquals(PubSub.ERRORS, error.applicationConditions().get(0).namespace());
        assertEquals(pubsubCondition, error.applicationConditions().get(0).localName());
    }

    @Test
    void transientNotificationNodeTakesAPublicationWithoutItem() throws Exception {
        assertEquals(Optional.empty(),
                ServiceActions.publication(NOTIFICATION_TRANSIENT, items("")));
    }

    @Test
    void transientNotificationNodeRefusesAnItem() throws Exception { // §7.1.3.6
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () ->
                ServiceActions.publication(NOTIFICATION_TRANSIENT,
                        items("<item id='1'><x xmlns='urn:test'/></item>")));
        assertPubSubError(StanzaErrorCondition.BAD_REQUEST, "item-forbidden", e);
    }

    @Test
    void persistentNodeNeedsAnItem() throws Exception { // §7.1.3.6
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () ->
                ServiceActions.publication(PAYLOAD_PERSISTENT, items("")));
        assertPubSubError(StanzaErrorCondition.BAD_REQUEST, "item-required", e);
    }

    @Test
    void payloadNodeNeedsAPayload() throws Exception { // §7.1.3.6
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () ->
                ServiceActions.publication(PAYLOAD_PERSISTENT, items("<item id='1'/>")));
        assertPubSubError(StanzaErrorCondition.BAD_REQUEST, "payload-required", e);
    }

    @Test
    void notificationNodeRefusesAPayload() throws Exception { // §7.1.3.5
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () ->
                ServiceActions.publication(NOTIFICATION_PERSISTENT,
                        items("<item id='1'><x xmlns='urn:test'/></item>")));
        assertPubSubError(StanzaErrorCondition.BAD_REQUEST, "invalid-payload", e);
        assertTrue(ServiceActions.publication(NOTIFICATION_PERSISTENT, items("<item id='1'/>"))
                .isPresent());
    }

    @Test
    void moreThanOneItemOrPayloadIsInvalid() throws Exception { // §7.1.3.5
        assertPubSubError(StanzaErrorCondition.BAD_REQUEST, "invalid-payload",
                assertThrows(StanzaErrorException.class, () -> ServiceActions.publication(
                        PAYLOAD_PERSISTENT, items("<item><a xmlns='urn:test'/></item>"
                                + "<item><b xmlns='urn:test'/></item>"))));
        assertPubSubError(StanzaErrorCondition.BAD_REQUEST, "invalid-payload",
                assertThrows(StanzaErrorException.class, () -> ServiceActions.publication(
                        PAYLOAD_PERSISTENT,
                        items("<item><a xmlns='urn:test'/><b xmlns='urn:test'/></item>"))));
    }

    @Test
    void deliverPayloadsFalseMakesANotificationOnlyNodeThatPepDoesNotOffer() throws Exception {
        NodeConfig config = ConfigForm.apply(NodeConfig.SERVICE_DEFAULT, Map.of(
                NodeConfig.DELIVER_PAYLOADS, List.of("0"), NodeConfig.PERSIST_ITEMS,
                List.of("false"))).orElseThrow();
        assertFalse(config.deliverPayloads());
        assertFalse(config.persistItems());
        assertEquals("false", config.value(NodeConfig.DELIVER_PAYLOADS));
        assertFalse(config.pepSupported());
        assertTrue(NodeConfig.DEFAULT.pepSupported());
        // notifications themselves cannot be switched off
        assertEquals(Optional.empty(), ConfigForm.apply(NodeConfig.SERVICE_DEFAULT,
                Map.of(NodeConfig.DELIVER_NOTIFICATIONS, List.of("false"))));
    }
}

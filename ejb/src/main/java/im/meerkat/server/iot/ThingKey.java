package im.meerkat.server.iot;

import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;

/**
 * Which thing a registration is: the bare JID of its account, and for a thing behind a
 * concentrator its node (XEP-0347 §3.6 and XEP-0326: {@code nodeId}, {@code sourceId}, {@code
 * cacheType}); absent parts are empty strings.
 */
public record ThingKey(Jid jid, String nodeId, String sourceId, String cacheType) {

    /** The thing {@code jid} with the node attributes of {@code element}. */
    static ThingKey of(Jid jid, Element element) {
        return new ThingKey(jid.bare(), orEmpty(element.attribute("nodeId")),
                orEmpty(element.attribute("sourceId")), orEmpty(element.attribute("cacheType")));
    }

    /** Adds the node attributes that are present to an element of the registry's answer. */
    Element.Builder nodeAttributes(Element.Builder element) {
        if (!nodeId.isEmpty()) {
            element.attribute("nodeId", nodeId);
        }
        if (!sourceId.isEmpty()) {
            element.attribute("sourceId", sourceId);
        }
        if (!cacheType.isEmpty()) {
            element.attribute("cacheType", cacheType);
        }
        return element;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}

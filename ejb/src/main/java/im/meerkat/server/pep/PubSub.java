package im.meerkat.server.pep;

import im.meerkat.xmpp.error.StanzaError;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;

/** The namespaces and element names of XEP-0060 that PEP uses, and its error values (§7.1.3). */
final class PubSub {

    static final String NAMESPACE = "http://jabber.org/protocol/pubsub";
    static final String OWNER = NAMESPACE + "#owner";
    static final String EVENT = NAMESPACE + "#event";
    static final String ERRORS = NAMESPACE + "#errors";
    static final String PUBLISH_OPTIONS = NAMESPACE + "#publish-options";
    static final String NODE_CONFIG = NAMESPACE + "#node_config";
    static final String DATA_FORMS = "jabber:x:data";

    static final XmlName PUBSUB = XmlName.of(NAMESPACE, "pubsub");
    static final XmlName PUBSUB_OWNER = XmlName.of(OWNER, "pubsub");
    static final XmlName ITEM = XmlName.of(NAMESPACE, "item");
    static final XmlName X = XmlName.of(DATA_FORMS, "x");

    private PubSub() {
    }

    /** An error with an application condition of the pubsub#errors namespace (XEP-0060 §7.1.3). */
    static StanzaErrorException error(StanzaErrorCondition condition, String pubsubCondition) {
        return new StanzaErrorException(StanzaError.of(condition)
                .withApplicationCondition(Element.empty(XmlName.of(ERRORS, pubsubCondition))));
    }

    /** {@code <feature-not-implemented/>} with {@code <unsupported feature='...'/>} (§4.4). */
    static StanzaErrorException unsupported(String feature) {
        return new StanzaErrorException(StanzaError.of(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED)
                .withApplicationCondition(Element.builder(XmlName.of(ERRORS, "unsupported"))
                        .attribute("feature", feature).build()));
    }

    /** §7.1.5: publish-options that do not match the node's configuration. */
    static StanzaErrorException preconditionNotMet(String text) {
        return new StanzaErrorException(StanzaError.of(StanzaErrorCondition.CONFLICT, text)
                .withApplicationCondition(Element.empty(XmlName.of(ERRORS,
                        "precondition-not-met"))));
    }
}

package im.meerkat.server.pep;

import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Data forms (XEP-0004) of node configuration: publish-options (XEP-0060 §7.1.5), the
 * configuration a node is created with (§8.1.3) and the owner's configure form (§8.2).
 */
final class ConfigForm {

    private static final XmlName FIELD = XmlName.of(PubSub.DATA_FORMS, "field");
    private static final XmlName VALUE = XmlName.of(PubSub.DATA_FORMS, "value");
    private static final String FORM_TYPE = "FORM_TYPE";

    private ConfigForm() {
    }

    /**
     * The fields of a submitted form, FORM_TYPE left out, in order.
     *
     * @throws StanzaErrorException {@code <bad-request/>} when it is not a submit form of {@code
     *     formType} (a form without FORM_TYPE is taken as one)
     */
    static Map<String, List<String>> fields(Element x, String formType) throws StanzaErrorException {
        String type = x.attribute("type");
        if (!"submit".equals(type)) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "a form of type submit is expected");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Element field : x.children(FIELD)) {
            String var = field.attribute("var");
            if (var == null) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (Element v : field.children(VALUE)) {
                values.add(v.text());
            }
            if (FORM_TYPE.equals(var)) {
                if (!values.equals(List.of(formType))) {
                    throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                            "FORM_TYPE must be " + formType);
                }
            } else {
                fields.put(var, values);
            }
        }
        return fields;
    }

    /**
     * A configuration with the submitted fields applied to {@code base}; empty when one field is
     * unknown or has a value this server does not support.
     */
    static Optional<NodeConfig> apply(NodeConfig base, Map<String, List<String>> fields) {
        NodeConfig config = base;
        for (Map.Entry<String, List<String>> f : fields.entrySet()) {
            Optional<NodeConfig> next = config.with(f.getKey(), f.getValue());
            if (next.isEmpty()) {
                return Optional.empty();
            }
            config = next.get();
        }
        return Optional.of(config);
    }

    /**
     * The first publish option the node's configuration does not meet (XEP-0060 §7.1.5), or empty
     * when all hold.
     */
    static Optional<String> unmet(NodeConfig node, Map<String, List<String>> options) {
        for (Map.Entry<String, List<String>> o : options.entrySet()) {
            if (!node.matches(o.getKey(), o.getValue())) {
                return Optional.of(o.getKey());
            }
        }
        return Optional.empty();
    }

    /** The owner's configuration form of a node (XEP-0060 §8.2.1), type form. */
    static Element form(NodeConfig config) {
        Element.Builder x = Element.builder(PubSub.X).attribute("type", "form")
                .child(field(FORM_TYPE, "hidden", PubSub.NODE_CONFIG));
        x.child(listField(NodeConfig.ACCESS_MODEL, config.value(NodeConfig.ACCESS_MODEL),
                "open", "presence", "whitelist"));
        x.child(field(NodeConfig.PERSIST_ITEMS, "boolean",
                config.value(NodeConfig.PERSIST_ITEMS)));
        x.child(field(NodeConfig.MAX_ITEMS_FIELD, "text-single",
                config.value(NodeConfig.MAX_ITEMS_FIELD)));
        x.child(listField(NodeConfig.SEND_LAST, config.value(NodeConfig.SEND_LAST),
                "never", "on_sub", "on_sub_and_presence"));
        x.child(field(NodeConfig.NOTIFY_RETRACT, "boolean",
                config.value(NodeConfig.NOTIFY_RETRACT)));
        x.child(field(NodeConfig.DELIVER_PAYLOADS, "boolean",
                config.value(NodeConfig.DELIVER_PAYLOADS)));
        x.child(field(NodeConfig.DELIVER_NOTIFICATIONS, "boolean", "true"));
        return x.build();
    }

    private static Element field(String var, String type, String value) {
        return Element.builder(FIELD).attribute("var", var).attribute("type", type)
                .child(Element.builder(VALUE).text(value)).build();
    }

    private static Element listField(String var, String value, String... options) {
        Element.Builder f = Element.builder(FIELD).attribute("var", var)
                .attribute("type", "list-single");
        for (String o : options) {
            f.child(Element.builder(XmlName.of(PubSub.DATA_FORMS, "option"))
                    .child(Element.builder(VALUE).text(o)));
        }
        return f.child(Element.builder(VALUE).text(value)).build();
    }
}

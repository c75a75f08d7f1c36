package im.meerkat.server.adhoc;

import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data form (XEP-0004): building the {@code <x xmlns='jabber:x:data'/>} the server sends, and
 * reading the values of one a client submitted. Only what the server's commands need: fields
 * with a type, label, required flag, values and options.
 */
public final class DataForm {

    public static final String NAMESPACE = "jabber:x:data";
    public static final XmlName X = XmlName.of(NAMESPACE, "x");
    private static final XmlName FIELD = XmlName.of(NAMESPACE, "field");
    private static final XmlName VALUE = XmlName.of(NAMESPACE, "value");
    private static final XmlName OPTION = XmlName.of(NAMESPACE, "option");

    private final String type;
    private final Map<String, List<String>> values;

    private DataForm(String type, Map<String, List<String>> values) {
        this.type = type;
        this.values = values;
    }

    /** Reads a form element (XEP-0004 §3.1); fields without {@code var} are ignored. */
    public static DataForm parse(Element x) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Element field : x.children(FIELD)) {
            String var = field.attribute("var");
            if (var == null) {
                continue;
            }
            List<String> v = new ArrayList<>();
            for (Element value : field.children(VALUE)) {
                v.add(value.text());
            }
            values.put(var, List.copyOf(v));
        }
        return new DataForm(x.attribute("type"), values);
    }

    /** The form in a command payload, if there is one. */
    public static Optional<DataForm> in(Element parent) {
        return parent.child(X).map(DataForm::parse);
    }

    /** {@code form}, {@code submit}, {@code cancel} or {@code result}. */
    public String type() {
        return type;
    }

    /** The values of a field; empty when the field is missing. */
    public List<String> values(String var) {
        return values.getOrDefault(var, List.of());
    }

    /** The first value of a field, or empty when it is missing or blank. */
    public Optional<String> value(String var) {
        List<String> v = values(var);
        return v.isEmpty() || v.get(0).isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** Builds a form element. */
    public static final class Builder {
        private final Element.Builder x;

        private Builder(String type) {
            x = Element.builder(X).attribute("type", type);
        }

        public Builder title(String title) {
            x.child(XmlName.of(NAMESPACE, "title"), title);
            return this;
        }

        public Builder instructions(String text) {
            x.child(XmlName.of(NAMESPACE, "instructions"), text);
            return this;
        }

        /** The hidden {@code FORM_TYPE} field (XEP-0068). */
        public Builder formType(String namespace) {
            return field("hidden", "FORM_TYPE", null, false, List.of(namespace), List.of());
        }

        public Builder field(String fieldType, String var, String label, boolean required) {
            return field(fieldType, var, label, required, List.of(), List.of());
        }

        public Builder field(String fieldType, String var, String label, boolean required,
                List<String> fieldValues, List<String> options) {
            Element.Builder f = Element.builder(FIELD).attribute("type", fieldType)
                    .attribute("var", var).attribute("label", label);
            if (required) {
                f.child(XmlName.of(NAMESPACE, "required"));
            }
            for (String value : fieldValues) {
                f.child(VALUE, value);
            }
            for (String option : options) {
                f.child(Element.builder(OPTION).attribute("label", option)
                        .child(VALUE, option));
            }
            x.child(f);
            return this;
        }

        public Element build() {
            return x.build();
        }
    }
}

package im.meerkat.server.caps;

import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The verification string of a disco#info result (XEP-0115 §5.1) with the sha-1 hash, the one
 * every implementation must support (§5.1 step 7, §8.1). A result that §5.4 says not to trust
 * (two identities or two features alike, a form with several FORM_TYPE values, two forms of one
 * FORM_TYPE) has no verification string.
 */
public final class CapsHash {

    public static final String SHA_1 = "sha-1";
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    public static final String DATA_FORMS = "jabber:x:data";
    private static final XmlName IDENTITY = XmlName.of(DISCO_INFO, "identity");
    private static final XmlName FEATURE = XmlName.of(DISCO_INFO, "feature");
    private static final XmlName FORM = XmlName.of(DATA_FORMS, "x");
    private static final XmlName FIELD = XmlName.of(DATA_FORMS, "field");
    private static final XmlName VALUE = XmlName.of(DATA_FORMS, "value");
    private static final String FORM_TYPE = "FORM_TYPE";

    private CapsHash() {
    }

    /** The verification string of a disco#info {@code <query/>}, or empty when §5.4 rejects it. */
    public static Optional<String> ver(Element query) {
        return verificationInput(query).map(CapsHash::sha1);
    }

    /** The string S of §5.1 steps 1-6 that is hashed, or empty when §5.4 rejects the result. */
    static Optional<String> verificationInput(Element query) {
        List<String> identities = new ArrayList<>();
        for (Element i : query.children(IDENTITY)) {
            identities.add(nonNull(i.attribute("category")) + "/" + nonNull(i.attribute("type"))
                    + "/" + nonNull(i.attribute(Namespaces.XML_LANG)) + "/"
                    + nonNull(i.attribute("name")));
        }
        List<String> features = new ArrayList<>();
        for (Element f : query.children(FEATURE)) {
            features.add(nonNull(f.attribute("var")));
        }
        if (hasDuplicates(identities) || hasDuplicates(features)) {
            return Optional.empty(); // §5.4: ill-formed
        }
        identities.sort(null);
        features.sort(null);
        StringBuilder s = new StringBuilder();
        identities.forEach(i -> s.append(i).append('<'));
        features.forEach(f -> s.append(f).append('<'));
        List<Form> forms = new ArrayList<>();
        for (Element x : query.children(FORM)) {
            Optional<Form> form = Form.of(x);
            if (form.isEmpty()) {
                return Optional.empty(); // §5.4: ill-formed
            }
            if (form.get().type() != null) {
                forms.add(form.get()); // forms without a hidden FORM_TYPE are left out (§5.4)
            }
        }
        List<String> types = forms.stream().map(Form::type).toList();
        if (hasDuplicates(types)) {
            return Optional.empty(); // §5.4: two forms of one FORM_TYPE
        }
        forms.sort((a, b) -> a.type().compareTo(b.type()));
        for (Form form : forms) {
            s.append(form.type()).append('<');
            for (Field field : form.fields()) {
                s.append(field.var()).append('<');
                field.values().forEach(v -> s.append(v).append('<'));
            }
        }
        return Optional.of(s.toString());
    }

    private record Field(String var, List<String> values) {
    }

    private record Form(String type, List<Field> fields) {

        /** A form as §5.1 step 6 sorts it; empty when it has several FORM_TYPE values. */
        static Optional<Form> of(Element x) {
            String type = null;
            boolean hidden = false;
            List<Field> fields = new ArrayList<>();
            for (Element field : x.children(FIELD)) {
                List<String> values = new ArrayList<>();
                for (Element v : field.children(VALUE)) {
                    values.add(v.text());
                }
                String var = nonNull(field.attribute("var"));
                if (FORM_TYPE.equals(var)) {
                    if (type != null || values.size() != 1) {
                        return Optional.empty();
                    }
                    type = values.get(0);
                    hidden = "hidden".equals(field.attribute("type"));
                } else {
                    values.sort(null);
                    fields.add(new Field(var, values));
                }
            }
            fields.sort((a, b) -> a.var().compareTo(b.var()));
            return Optional.of(new Form(hidden ? type : null, fields));
        }
    }

    private static boolean hasDuplicates(List<String> values) {
        return new HashSet<>(values).size() != values.size();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    static String sha1(String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(input.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    /** The features of a disco#info result, as they would be cached. */
    public static Set<String> features(Element query) {
        Set<String> features = new HashSet<>();
        for (Element f : query.children(FEATURE)) {
            String var = f.attribute("var");
            if (var != null) {
                features.add(var);
            }
        }
        return features;
    }
}

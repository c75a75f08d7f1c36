package im.meerkat.server.iot;

import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.xml.Element;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * One meta tag of a thing (XEP-0347 §5.2): a {@code <str/>} or {@code <num/>} element with a
 * name of at most 32 characters, compared without regard to case, and a value (at most 128
 * characters for strings, a number for {@code num}).
 */
public record MetaTag(String type, String name, String value) {

    static final int MAX_NAME_CHARS = 32;
    static final int MAX_STRING_CHARS = 128;

    /** The tag an element of the request holds, or {@code <bad-request/>} saying why not. */
    static MetaTag of(Element tag) throws StanzaErrorException {
        if (!tag.namespace().equals(ThingRegistry.NAMESPACE)
                || !(tag.localName().equals("str") || tag.localName().equals("num"))) {
            throw badRequest("a meta tag is a <str/> or <num/> element of " + ThingRegistry.NAMESPACE);
        }
        String name = tag.attribute("name");
        String value = tag.attribute("value");
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_CHARS) {
            throw badRequest("a meta tag name has 1 to " + MAX_NAME_CHARS + " characters");
        }
        if (value == null || value.isEmpty()) {
            throw badRequest("the meta tag " + name + " has no value");
        }
        if (tag.localName().equals("str") && value.length() > MAX_STRING_CHARS) {
            throw badRequest("a string meta tag value has at most " + MAX_STRING_CHARS + " characters");
        }
        if (tag.localName().equals("num")) {
            try {
                new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw badRequest("the numeric meta tag " + name + " holds no number");
            }
        }
        // §5.2: tag names are case insensitive
        return new MetaTag(tag.localName(), name.toUpperCase(Locale.ROOT), value);
    }

    /** One line of the canonical form the registry stores and compares. */
    String line() {
        return type + '\t' + name + '\t' + value.replace('\n', ' ').replace('\t', ' ');
    }

    private static StanzaErrorException badRequest(String text) {
        return new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, text);
    }
}

package im.meerkat.server.iot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.xml.Element;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Meta tags of XEP-0347 §5.2 and the canonical form claims are matched by. */
class MetaTagTest {

    private static Element tag(String type, String name, String value) {
        return Element.builder(ThingRegistry.NAMESPACE, type).attribute("name", name)
                .attribute("value", value).build();
    }

    private static StanzaErrorCondition refusal(Element tag) {
        return assertThrows(StanzaErrorException.class, () -> MetaTag.of(tag)).error().condition();
    }

    @Test
    void namesAreComparedWithoutRegardToCaseAndOrderDoesNotMatter() throws Exception {
        List<MetaTag> one = List.of(MetaTag.of(tag("str", "key", "k1")),
                MetaTag.of(tag("num", "V", "1.5")));
        List<MetaTag> two = List.of(MetaTag.of(tag("num", "v", "1.5")),
                MetaTag.of(tag("str", "KEY", "k1")));
        assertEquals(ThingStore.canonical(one), ThingStore.canonical(two));
    }

    @Test
    void malformedTagsAreBadRequests() {
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(tag("str", "x".repeat(33), "v")));
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(tag("str", "name", "v".repeat(129))));
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(tag("num", "name", "many")));
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(tag("str", "name", "")));
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(tag("bool", "name", "true")));
        assertEquals(StanzaErrorCondition.BAD_REQUEST,
                refusal(Element.builder("urn:other", "str").attribute("name", "n")
                        .attribute("value", "v").build()));
    }
}

package im.meerkat.server.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code <fin/>} of a query (XEP-0313 §4.3) with its result set (XEP-0059 §2). */
class MamFinTest {

    private static final List<ArchiveStore.Stored> ITEMS = List.of(new ArchiveStore.Stored(7, "<message/>"),
            new ArchiveStore.Stored(9, "<message/>"));

    private static Element set(Element fin) {
        return fin.children(QueryParser.SET).get(0);
    }

    @Test
    void aCountedRangeHasCountAndFirstIndex() {
        Element set = set(MamQueryHandler.fin(new ArchiveStore.Page(ITEMS, true, 12, 10), ITEMS));
        assertEquals("12", set.children(XmlName.of(QueryParser.RSM, "count")).get(0).text());
        Element first = set.children(XmlName.of(QueryParser.RSM, "first")).get(0);
        assertEquals("10", first.attribute("index"));
        assertEquals("7", first.text());
    }

    @Test
    void aRangeOverTheCountLimitGoesWithoutCountAndIndex() {
        ArchiveStore.Page page = new ArchiveStore.Page(ITEMS, false, ArchiveStore.UNKNOWN, ArchiveStore.UNKNOWN);
        Element set = set(MamQueryHandler.fin(page, ITEMS));
        assertTrue(set.children(XmlName.of(QueryParser.RSM, "count")).isEmpty());
        Element first = set.children(XmlName.of(QueryParser.RSM, "first")).get(0);
        assertNull(first.attribute("index"), "XEP-0059: index is optional");
        assertEquals("9", set.children(XmlName.of(QueryParser.RSM, "last")).get(0).text());
    }
}

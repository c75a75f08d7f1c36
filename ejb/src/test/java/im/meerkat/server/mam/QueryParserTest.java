package im.meerkat.server.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading XEP-0313 §4.1 queries: form fields, result set, errors. */
class QueryParserTest {

    private static final String OWNER = "alice@example.org";

    private static ArchiveQuery parse(String inner) throws StanzaErrorException {
        return QueryParser.parse(OWNER, Xml.parse("<query xmlns='urn:xmpp:mam:2'>" + inner + "</query>"), 250);
    }

    private static String form(String fields) {
        return "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
                + "<value>urn:xmpp:mam:2</value></field>" + fields + "</x>";
    }

    private static String field(String var, String value) {
        return "<field var='" + var + "'><value>" + value + "</value></field>";
    }

    private static StanzaErrorCondition refusal(String inner) {
        return assertThrows(StanzaErrorException.class, () -> parse(inner)).error().condition();
    }

    @Test
    void anEmptyQueryAsksForTheFirstDefaultPage() throws Exception {
        ArchiveQuery q = parse("");
        assertEquals(QueryParser.DEFAULT_PAGE, q.max());
        assertNull(q.withBare());
        assertNull(q.after());
        assertTrue(!q.backwards() && !q.flip());
    }

    @Test
    void fieldsBecomeFiltersAndTimesBecomeIdRanges() throws Exception {
        ArchiveQuery q = parse(form(field("with", "bob@example.org/phone")
                + field("start", "2026-01-01T00:00:00Z") + field("end", "2026-01-02T00:00:00.5Z")
                + field("after-id", "1000")) + "<flip-page/>");
        assertEquals("bob@example.org", q.withBare());
        assertEquals("phone", q.withResource());
        assertEquals(ArchiveIds.lowest(Instant.parse("2026-01-01T00:00:00Z")), q.fromId());
        assertEquals(ArchiveIds.highest(Instant.parse("2026-01-02T00:00:00.500Z")), q.toId());
        assertTrue(q.flip());
        ArchiveQuery ids = parse(form("<field var='ids'><value>5</value><value>7</value></field>"
                + field("before-id", "9")));
        assertEquals(List.of(5L, 7L), ids.ids());
        assertEquals(8L, ids.toId());
    }

    @Test
    void resultSetPagesAndMaxIsClampedToTheServerLimit() throws Exception {
        ArchiveQuery q = parse("<set xmlns='http://jabber.org/protocol/rsm'><max>1000</max>"
                + "<before/></set>");
        assertEquals(250, q.max());
        assertEquals(ArchiveQuery.LAST_PAGE, q.before());
        assertEquals(42L, parse("<set xmlns='http://jabber.org/protocol/rsm'><after>42</after></set>")
                .after());
        assertEquals(0, parse("<set xmlns='http://jabber.org/protocol/rsm'><max>0</max></set>").max());
    }

    @Test
    void badInputIsRefused() {
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(form(field("subject", "x"))));
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(form(field("start", "yesterday"))));
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal(form(field("with", "@@"))));
        assertEquals(StanzaErrorCondition.BAD_REQUEST,
                refusal("<set xmlns='http://jabber.org/protocol/rsm'><max>-1</max></set>"));
        assertEquals(StanzaErrorCondition.BAD_REQUEST, refusal("<x xmlns='jabber:x:data' type='submit'>"
                + field("FORM_TYPE", "urn:xmpp:mam:1") + "</x>"));
        assertEquals(StanzaErrorCondition.ITEM_NOT_FOUND, refusal(form(field("after-id", "abc"))));
        assertEquals(StanzaErrorCondition.POLICY_VIOLATION, refusal(form("<field var='ids'>"
                + "<value>1</value>".repeat(251) + "</field>")));
        assertEquals(StanzaErrorCondition.ITEM_NOT_FOUND,
                refusal("<set xmlns='http://jabber.org/protocol/rsm'><after>x1</after></set>"));
    }
}

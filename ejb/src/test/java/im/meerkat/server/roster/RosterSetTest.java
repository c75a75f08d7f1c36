package im.meerkat.server.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.server.routing.Xml;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checking a roster set before anything changes (RFC 6121 §2.3.3, §2.5.3). */
class RosterSetTest {

    private static final Jid OWNER = Jid.of("alice@example.org");

    private static RosterSet parse(String items) throws StanzaErrorException {
        return RosterSet.parse(Xml.parse("<query xmlns='jabber:iq:roster'>" + items + "</query>"),
                OWNER);
    }

    private static void refused(StanzaErrorCondition condition, String items) {
        StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> parse(items));
        assertEquals(condition, e.error().condition(), items);
    }

    @Test
    void anItemWithNameAndGroupsIsAccepted() throws Exception {
        RosterSet set = parse("<item jid='Bob@Example.org' name='Bob'>"
                + "<group>Friends</group><group>Work</group></item>");
        assertEquals(Jid.of("bob@example.org"), set.contact());
        assertFalse(set.remove());
        assertEquals("Bob", set.name());
        assertEquals(List.of("Friends", "Work"), set.groups());
    }

    @Test
    void subscriptionAskAndApprovedFromTheClientAreIgnored() throws Exception {
        RosterSet set = parse("<item jid='bob@example.org' subscription='both' ask='subscribe'"
                + " approved='true'/>");
        assertFalse(set.remove());
        assertNull(set.name());
        assertEquals(List.of(), set.groups());
    }

    @Test
    void subscriptionRemoveIsARemoval() throws Exception {
        assertTrue(parse("<item jid='bob@example.org' subscription='remove'/>").remove());
    }

    @Test
    void exactlyOneItemIsRequired() {
        refused(StanzaErrorCondition.BAD_REQUEST, "");
        refused(StanzaErrorCondition.BAD_REQUEST,
                "<item jid='bob@example.org'/><item jid='carol@example.org'/>");
    }

    @Test
    void aMissingOrInvalidJidIsABadRequest() {
        refused(StanzaErrorCondition.BAD_REQUEST, "<item name='nobody'/>");
        refused(StanzaErrorCondition.BAD_REQUEST, "<item jid='@example.org'/>");
        refused(StanzaErrorCondition.BAD_REQUEST, "<item jid='a@b@c'/>");
        refused(StanzaErrorCondition.BAD_REQUEST, "<item jid='bob@example.org/'/>");
        refused(StanzaErrorCondition.BAD_REQUEST, "<item jid='' subscription='remove'/>");
    }

    @Test
    void duplicateGroupsAreABadRequest() {
        refused(StanzaErrorCondition.BAD_REQUEST,
                "<item jid='bob@example.org'><group>A</group><group>A</group></item>");
    }

    @Test
    void emptyOrOverlongNamesAndGroupsAreNotAcceptable() {
        refused(StanzaErrorCondition.NOT_ACCEPTABLE,
                "<item jid='bob@example.org'><group></group></item>");
        refused(StanzaErrorCondition.NOT_ACCEPTABLE,
                "<item jid='bob@example.org' name='" + "n".repeat(RosterSet.MAX_NAME + 1) + "'/>");
        refused(StanzaErrorCondition.NOT_ACCEPTABLE, "<item jid='bob@example.org'><group>"
                + "g".repeat(RosterSet.MAX_GROUP + 1) + "</group></item>");
        StringBuilder many = new StringBuilder("<item jid='bob@example.org'>");
        for (int i = 0; i < 5; i++) {
            many.append("<group>").append(String.valueOf(i).repeat(1000)).append("</group>");
        }
        refused(StanzaErrorCondition.NOT_ACCEPTABLE, many + "</item>");
    }

    @Test
    void theUsersOwnJidIsNotAContact() {
        refused(StanzaErrorCondition.NOT_ALLOWED, "<item jid='alice@example.org'/>");
        refused(StanzaErrorCondition.NOT_ALLOWED, "<item jid='alice@example.org/phone'/>");
    }

    @Test
    void groupNamesSurviveStorage() {
        List<String> groups = List.of("a%b", "line\nbreak", "%0A", "plain");
        assertEquals(groups, RosterItemEntity.decode(RosterItemEntity.encode(groups)));
        assertEquals(List.of(), RosterItemEntity.decode(RosterItemEntity.encode(List.of())));
    }
}

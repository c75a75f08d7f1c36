package im.meerkat.server.roster;

import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A checked roster set (RFC 6121 §2.3 add or update, §2.5 remove). Checking happens before the
 * roster is touched, so a refused set changes nothing (§2.3.3). The 'subscription' values other
 * than {@code remove}, 'ask' and 'approved' are the server's to set and are ignored (§2.1.2).
 *
 * @param contact the item's JID
 * @param remove whether the item is to be removed
 * @param name the handle, or null
 * @param groups the groups, without duplicates
 */
public record RosterSet(Jid contact, boolean remove, String name, List<String> groups) {

    /** Longest handle, in characters (a server-configured limit of §2.3.3). */
    public static final int MAX_NAME = 1023;
    /** Longest group name, in characters. */
    public static final int MAX_GROUP = 1023;
    /** Room for all group names of an item together, in characters. */
    public static final int MAX_GROUPS_TEXT = 4000;

    /** Checks the {@code <query/>} of a roster set from {@code owner}. */
    public static RosterSet parse(Element query, Jid owner) throws StanzaErrorException {
        List<Element> items = query.children(RosterHandler.ITEM);
        if (items.size() != 1) {
            throw bad(StanzaErrorCondition.BAD_REQUEST, "a roster set carries exactly one item");
        }
        Element item = items.get(0);
        Jid contact = Jid.tryOf(item.attribute("jid")).orElseThrow(
                () -> bad(StanzaErrorCondition.BAD_REQUEST, "the item's 'jid' is missing or not a valid JID"));
        if (contact.bare().equals(owner.bare())) {
            throw bad(StanzaErrorCondition.NOT_ALLOWED, "the user's own JID is not a contact");
        }
        if ("remove".equals(item.attribute("subscription"))) {
            return new RosterSet(contact, true, null, List.of());
        }
        String name = Optional.ofNullable(item.attribute("name")).filter(n -> !n.isEmpty())
                .orElse(null);
        if (name != null && name.length() > MAX_NAME) {
            throw bad(StanzaErrorCondition.NOT_ACCEPTABLE, "the name is longer than " + MAX_NAME);
        }
        Set<String> groups = new LinkedHashSet<>();
        for (Element g : item.children(RosterHandler.GROUP)) {
            String text = g.text();
            if (text.isEmpty()) {
                throw bad(StanzaErrorCondition.NOT_ACCEPTABLE, "a group has no name");
            }
            if (text.length() > MAX_GROUP) {
                throw bad(StanzaErrorCondition.NOT_ACCEPTABLE, "a group name is longer than " + MAX_GROUP);
            }
            if (!groups.add(text)) {
                throw bad(StanzaErrorCondition.BAD_REQUEST, "group '" + text + "' appears twice");
            }
        }
        List<String> list = new ArrayList<>(groups);
        String encoded = RosterItemEntity.encode(list);
        if (encoded != null && encoded.length() > MAX_GROUPS_TEXT) {
            throw bad(StanzaErrorCondition.NOT_ACCEPTABLE, "the groups are too long together");
        }
        return new RosterSet(contact, false, name, list);
    }

    private static StanzaErrorException bad(StanzaErrorCondition condition, String text) {
        return new StanzaErrorException(condition, text);
    }
}

package im.meerkat.server.roster;

import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import java.util.List;

/**
 * One roster item as the user sees it (RFC 6121 §2.1.2): the contact, an optional name, the
 * groups and the subscription state. {@code visible} is false for the entry the server keeps
 * only to remember a contact's pending subscription request while the contact is not on the
 * roster (§3.1.3); such entries are never shown nor pushed.
 */
public record RosterItem(Jid contact, String name, List<String> groups, SubscriptionState state,
        boolean visible) {

    public RosterItem {
        groups = List.copyOf(groups);
    }

    /** A new entry for a contact: no name, no groups, no subscription. */
    public static RosterItem empty(Jid contact, boolean visible) {
        return new RosterItem(contact, null, List.of(), SubscriptionState.NONE, visible);
    }

    public RosterItem withState(SubscriptionState newState) {
        return new RosterItem(contact, name, groups, newState, visible);
    }

    public RosterItem shown() {
        return new RosterItem(contact, name, groups, state, true);
    }

    /** The {@code <item/>} of a roster result or push (§2.1.2). */
    public Element toElement() {
        Element.Builder item = Element.builder(RosterHandler.ITEM)
                .attribute("jid", contact.toString())
                .attribute("name", name)
                .attribute("subscription", state.subscription().value());
        if (state.pendingOut()) {
            item.attribute("ask", "subscribe");
        }
        if (state.approved()) {
            item.attribute("approved", "true");
        }
        for (String g : groups) {
            item.child(RosterHandler.GROUP, g);
        }
        return item.build();
    }

    /** The {@code <item subscription='remove'/>} of a push after removal (§2.5.2). */
    public static Element removed(Jid contact) {
        return Element.builder(RosterHandler.ITEM).attribute("jid", contact.toString())
                .attribute("subscription", "remove").build();
    }
}

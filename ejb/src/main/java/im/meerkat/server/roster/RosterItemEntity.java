package im.meerkat.server.roster;

import im.meerkat.xmpp.jid.Jid;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stored roster item, keyed by the owner's bare JID and the contact's JID (natural key, so no
 * generated identifiers). Groups are kept in one column, one per line, with {@code %} and line
 * breaks escaped; a roster is always read whole, so a join table would buy nothing.
 */
@Entity
@Table(name = "meerkat_roster_item",
        indexes = @Index(name = "meerkat_roster_item_contact", columnList = "contact_jid"))
@IdClass(RosterItemEntity.Key.class)
@NamedQueries({
    @NamedQuery(name = RosterItemEntity.OF_OWNER,
            query = "SELECT i FROM RosterItemEntity i WHERE i.owner = :owner ORDER BY i.contact"),
    @NamedQuery(name = RosterItemEntity.WITH_SUBSCRIPTION,
            query = "SELECT i.contact FROM RosterItemEntity i WHERE i.owner = :owner"
                    + " AND i.subscription IN :subscriptions"),
    @NamedQuery(name = RosterItemEntity.PENDING_IN,
            query = "SELECT i.contact FROM RosterItemEntity i WHERE i.owner = :owner"
                    + " AND i.pendingIn = TRUE"),
    @NamedQuery(name = RosterItemEntity.DELETE_OWNER,
            query = "DELETE FROM RosterItemEntity i WHERE i.owner = :owner"),
    @NamedQuery(name = RosterItemEntity.DELETE_HIDDEN_OF_CONTACT,
            query = "DELETE FROM RosterItemEntity i WHERE i.contact = :contact"
                    + " AND i.visible = FALSE")
})
public class RosterItemEntity {

    static final String OF_OWNER = "RosterItem.ofOwner";
    static final String WITH_SUBSCRIPTION = "RosterItem.withSubscription";
    static final String PENDING_IN = "RosterItem.pendingIn";
    static final String DELETE_OWNER = "RosterItem.deleteOwner";
    static final String DELETE_HIDDEN_OF_CONTACT = "RosterItem.deleteHiddenOfContact";

    @Id
    @Column(name = "owner_jid", length = 2047)
    private String owner;

    @Id
    @Column(name = "contact_jid", length = 3071)
    private String contact;

    @Column(name = "item_name", length = RosterSet.MAX_NAME)
    private String name;

    @Column(name = "item_groups", length = RosterSet.MAX_GROUPS_TEXT)
    private String groups;

    @Column(name = "subscription", nullable = false, length = 4)
    private String subscription;

    @Column(name = "pending_out", nullable = false)
    private boolean pendingOut;

    @Column(name = "pending_in", nullable = false)
    private boolean pendingIn;

    @Column(name = "approved", nullable = false)
    private boolean approved;

    @Column(name = "visible", nullable = false)
    private boolean visible;

    protected RosterItemEntity() {
    }

    RosterItemEntity(Jid owner, RosterItem item) {
        this.owner = owner.toString();
        this.contact = item.contact().toString();
        set(item);
    }

    final void set(RosterItem item) {
        this.name = item.name();
        this.groups = encode(item.groups());
        this.subscription = item.state().subscription().value();
        this.pendingOut = item.state().pendingOut();
        this.pendingIn = item.state().pendingIn();
        this.approved = item.state().approved();
        this.visible = item.visible();
    }

    RosterItem item() {
        return new RosterItem(Jid.of(contact), name, decode(groups),
                new SubscriptionState(Subscription.of(subscription), pendingOut, pendingIn,
                        approved), visible);
    }

    static String encode(List<String> groups) {
        if (groups.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String g : groups) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(g.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D"));
        }
        return b.toString();
    }

    static List<String> decode(String text) {
        List<String> result = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return result;
        }
        for (String g : text.split("\n", -1)) {
            result.add(g.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%"));
        }
        return result;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String owner;
        private String contact;

        public Key() {
        }

        Key(Jid owner, Jid contact) {
            this.owner = owner.toString();
            this.contact = contact.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.owner.equals(owner) && k.contact.equals(contact);
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, contact);
        }
    }
}

package im.meerkat.server.vcard;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One account's vCard (XEP-0054), keyed by the bare JID, kept as the XML text it was set with. */
@Entity
@Table(name = "meerkat_vcard")
@NamedQuery(name = StoredVCard.DELETE, query = "DELETE FROM StoredVCard v WHERE v.jid = :jid")
public class StoredVCard {

    static final String DELETE = "StoredVCard.delete";

    /** The bare JID, as in {@code meerkat_account}. */
    @Id
    @Column(name = "jid", length = 2047)
    private String jid;

    @Lob
    @Column(name = "xml", nullable = false)
    private String xml;

    protected StoredVCard() {
    }

    StoredVCard(String jid, String xml) {
        this.jid = jid;
        this.xml = xml;
    }

    String xml() {
        return xml;
    }

    void xml(String newXml) {
        this.xml = newXml;
    }
}

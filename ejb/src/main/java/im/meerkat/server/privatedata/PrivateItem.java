package im.meerkat.server.privatedata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One private XML chunk (XEP-0049) of one account, keyed by the bare JID and the namespace and
 * local name of the chunk's root element.
 */
@Entity
@Table(name = "meerkat_private")
@IdClass(PrivateItem.Key.class)
@NamedQuery(name = PrivateItem.DELETE_ALL, query = "DELETE FROM PrivateItem p WHERE p.jid = :jid")
public class PrivateItem {

    static final String DELETE_ALL = "PrivateItem.deleteAll";

    @Id
    @Column(name = "jid", length = 2047)
    private String jid;

    @Id
    @Column(name = "namespace", length = PrivateDataHandler.MAX_NAMESPACE_CHARS)
    private String namespace;

    @Id
    @Column(name = "localname", length = PrivateDataHandler.MAX_LOCAL_NAME_CHARS)
    private String localname;

    @Lob
    @Column(name = "xml", nullable = false)
    private String xml;

    protected PrivateItem() {
    }

    PrivateItem(Key key, String xml) {
        this.jid = key.jid;
        this.namespace = key.namespace;
        this.localname = key.localname;
        this.xml = xml;
    }

    String xml() {
        return xml;
    }

    void xml(String newXml) {
        this.xml = newXml;
    }

    /** The primary key: account, namespace, local name. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String jid;
        private String namespace;
        private String localname;

        public Key() {
        }

        Key(String jid, String namespace, String localname) {
            this.jid = jid;
            this.namespace = namespace;
            this.localname = localname;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && jid.equals(k.jid) && namespace.equals(k.namespace)
                    && localname.equals(k.localname);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jid, namespace, localname);
        }
    }
}

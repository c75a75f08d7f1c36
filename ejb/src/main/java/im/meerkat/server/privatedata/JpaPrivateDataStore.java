package im.meerkat.server.privatedata;

import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.Optional;

/** Private XML in table {@code meerkat_private} of the persistence unit {@code meerkat}. */
@Stateless
public class JpaPrivateDataStore implements PrivateDataStore {

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    public JpaPrivateDataStore() {
    }

    /** For tests outside a container. */
    JpaPrivateDataStore(EntityManager em) {
        this.em = em;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> find(Jid account, XmlName name) {
        return Optional.ofNullable(em.find(PrivateItem.class, key(account, name)))
                .map(PrivateItem::xml);
    }

    @Override
    public void save(Jid account, Map<XmlName, String> chunks) {
        for (Map.Entry<XmlName, String> chunk : chunks.entrySet()) {
            PrivateItem.Key key = key(account, chunk.getKey());
            PrivateItem stored = em.find(PrivateItem.class, key);
            if (stored == null) {
                em.persist(new PrivateItem(key, chunk.getValue()));
            } else {
                stored.xml(chunk.getValue());
            }
        }
    }

    @Override
    public void delete(Jid account) {
        em.createNamedQuery(PrivateItem.DELETE_ALL).setParameter("jid", account.bare().toString())
                .executeUpdate();
    }

    private static PrivateItem.Key key(Jid account, XmlName name) {
        return new PrivateItem.Key(account.bare().toString(), name.namespace(), name.local());
    }
}

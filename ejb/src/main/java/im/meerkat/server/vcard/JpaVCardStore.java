package im.meerkat.server.vcard;

import im.meerkat.xmpp.jid.Jid;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** vCards in table {@code meerkat_vcard} of the persistence unit {@code meerkat}. */
@Stateless
public class JpaVCardStore implements VCardStore {

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    public JpaVCardStore() {
    }

    /** For tests outside a container. */
    JpaVCardStore(EntityManager em) {
        this.em = em;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> find(Jid account) {
        return Optional.ofNullable(em.find(StoredVCard.class, key(account)))
                .map(StoredVCard::xml);
    }

    @Override
    public void save(Jid account, String xml) {
        StoredVCard stored = em.find(StoredVCard.class, key(account));
        if (stored == null) {
            em.persist(new StoredVCard(key(account), xml));
        } else {
            stored.xml(xml);
        }
    }

    @Override
    public void delete(Jid account) {
        em.createNamedQuery(StoredVCard.DELETE).setParameter("jid", key(account))
                .executeUpdate();
    }

    private static String key(Jid account) {
        return account.bare().toString();
    }
}

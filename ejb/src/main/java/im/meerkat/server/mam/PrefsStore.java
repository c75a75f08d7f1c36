package im.meerkat.server.mam;

import im.meerkat.server.account.AccountDeleted;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * Archiving preferences in table {@code meerkat_mam_prefs}, and the removal of an account's
 * archive with the account (in the deleting transaction, see {@link AccountDeleted}).
 */
@Stateless
public class PrefsStore {

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    public PrefsStore() {
    }

    /** For tests outside a container. */
    PrefsStore(EntityManager em) {
        this.em = em;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Prefs> find(String owner) {
        return Optional.ofNullable(em.find(ArchivePrefs.class, owner)).map(ArchivePrefs::prefs);
    }

    public void save(String owner, Prefs prefs) {
        ArchivePrefs stored = em.find(ArchivePrefs.class, owner);
        if (stored == null) {
            em.persist(new ArchivePrefs(owner, prefs));
        } else {
            stored.update(prefs);
        }
    }

    /** Deletes the account's archive and preferences. */
    public void accountDeleted(@Observes AccountDeleted event) {
        String owner = event.account().bare().toString();
        em.createNativeQuery("DELETE FROM " + ArchivedMessage.TABLE + " WHERE owner = ?")
                .setParameter(1, owner).executeUpdate();
        em.createNativeQuery("DELETE FROM meerkat_mam_prefs WHERE owner = ?").setParameter(1, owner)
                .executeUpdate();
    }
}

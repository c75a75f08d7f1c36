package im.meerkat.server.caps;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Verified capabilities in table {@code meerkat_caps} of the persistence unit {@code meerkat}. */
@Stateless
public class CapsStore {

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    public CapsStore() {
    }

    /** For tests outside a container. */
    CapsStore(EntityManager em) {
        this.em = em;
    }

    /** The features of a verified verification string, if one node has verified it. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Set<String>> find(String ver) {
        CapsEntry entry = em.find(CapsEntry.class, ver);
        if (entry == null) {
            return Optional.empty();
        }
        Set<String> features = new TreeSet<>(Arrays.asList(entry.features().split("\n")));
        features.remove("");
        return Optional.of(Set.copyOf(features));
    }

    /** Keeps the features of a verification string; a second save of the same one is a no-op. */
    public void save(String ver, Set<String> features) {
        if (em.find(CapsEntry.class, ver) == null) {
            Set<String> lines = new TreeSet<>(features);
            lines.removeIf(f -> f.indexOf('\n') >= 0);
            em.persist(new CapsEntry(ver, String.join("\n", lines)));
        }
    }
}

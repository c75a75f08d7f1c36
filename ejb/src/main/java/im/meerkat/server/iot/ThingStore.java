package im.meerkat.server.iot;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The registrations of the thing registry in table {@code meerkat_iot_thing} of the persistence
 * unit {@code meerkat}; each method is one transaction, and claims lock the row they take, so
 * that two owners on two nodes cannot both claim one thing.
 */
@Stateless
public class ThingStore {

    /** What became of a request about a registered thing. */
    public enum Outcome { DONE, NOT_FOUND, NOT_OWNER }

    @PersistenceContext(unitName = "meerkat")
    private EntityManager em;

    /**
     * Registers a thing or replaces its meta tags (§3.6), unless it is claimed already: then
     * nothing changes and the answer is its owner (§3.7).
     */
    public Optional<String> register(ThingKey thing, List<MetaTag> tags, boolean selfOwned) {
        RegisteredThing.Key key = RegisteredThing.Key.of(thing);
        RegisteredThing stored = em.find(RegisteredThing.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (stored != null && stored.owner() != null) {
            return Optional.of(stored.owner());
        }
        if (stored == null) {
            stored = new RegisteredThing(key);
            em.persist(stored);
        }
        String canonical = canonical(tags);
        stored.tags(canonical, hash(canonical), selfOwned);
        return Optional.empty();
    }

    /**
     * §3.9: the unclaimed, not self-owned thing whose meta tags are exactly {@code tags} becomes
     * {@code owner}'s; empty when there is none.
     */
    public Optional<ThingKey> claim(List<MetaTag> tags, String owner) {
        List<RegisteredThing> candidates = em.createNamedQuery(RegisteredThing.BY_TAGS,
                RegisteredThing.class).setParameter("hash", hash(canonical(tags))).getResultList();
        for (RegisteredThing candidate : candidates) {
            RegisteredThing locked = em.find(RegisteredThing.class, candidate.key(),
                    LockModeType.PESSIMISTIC_WRITE);
            if (locked != null && locked.owner() == null && !locked.jid().equals(owner)) {
                locked.owner(owner);
                RegisteredThing.Key k = locked.key();
                return Optional.of(k.thing());
            }
        }
        return Optional.empty();
    }

    /** §3.17: the owner gives the thing up; it stays registered, unclaimed. */
    public Outcome disown(ThingKey thing, String requester) {
        return byOwner(thing, requester, stored -> stored.owner(null));
    }

    /** §3.10: the owner removes the thing from the registry. */
    public Outcome remove(ThingKey thing, String requester) {
        return byOwner(thing, requester, em::remove);
    }

    /** Applies an owner's change to the locked row of the thing, if the requester owns it. */
    private Outcome byOwner(ThingKey thing, String requester, Consumer<RegisteredThing> change) {
        RegisteredThing stored = em.find(RegisteredThing.class, RegisteredThing.Key.of(thing),
                LockModeType.PESSIMISTIC_WRITE);
        if (stored == null) {
            return Outcome.NOT_FOUND;
        }
        if (!requester.equals(stored.owner())) {
            return Outcome.NOT_OWNER;
        }
        change.accept(stored);
        return Outcome.DONE;
    }

    /** §3.16: the thing leaves the registry; false when it was not registered. */
    public boolean unregister(ThingKey thing) {
        RegisteredThing stored = em.find(RegisteredThing.class, RegisteredThing.Key.of(thing));
        if (stored == null) {
            return false;
        }
        em.remove(stored);
        return true;
    }

    /** An account is deleted: its registrations go, and the things it owned are unclaimed. */
    public void deleteAccount(String bareJid) {
        em.createNamedQuery(RegisteredThing.DELETE_OF_ACCOUNT).setParameter("jid", bareJid)
                .executeUpdate();
        em.createNamedQuery(RegisteredThing.DISOWN_ALL).setParameter("owner", bareJid)
                .executeUpdate();
    }

    /** The tags one per line, sorted, so that the same set always reads the same. */
    static String canonical(List<MetaTag> tags) {
        return String.join("\n", tags.stream().map(MetaTag::line).sorted().distinct().toList());
    }

    private static String hash(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}

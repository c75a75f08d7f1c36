package im.meerkat.server.mam;

import im.meerkat.server.account.AccountDeleted;
import im.meerkat.server.roster.RosterStore;
import im.meerkat.xmpp.jid.Jid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * Whether a message goes into an account's archive, by its preferences (XEP-0313 §6). Every
 * message asks twice (sender and recipient), so preferences are kept in memory for a few
 * seconds: a change made on this node counts at once, one made on another node of a cluster
 * within {@link #TTL_NANOS}. When the database cannot be read, the preferences last read (or the
 * server's default) stay in use until it can, and a roster lookup counts as "not in the roster",
 * so that routing goes on through a database outage.
 */
@ApplicationScoped
public class ArchivePolicy {

    static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX_CACHED = 100_000;

    private PrefsStore store;
    private MamSettings settings;
    private BiPredicate<String, String> inRoster;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Prefs prefs, long loaded) {
    }

    /** For the container's proxy. */
    protected ArchivePolicy() {
    }

    @Inject
    public ArchivePolicy(PrefsStore store, MamSettings settings, RosterStore roster) {
        this(store, settings, (owner, peer) -> roster.item(Jid.of(owner), Jid.of(peer)).isPresent());
    }

    /** For tests: any roster, as a test of (owner, peer) bare JIDs. */
    public ArchivePolicy(PrefsStore store, MamSettings settings, BiPredicate<String, String> inRoster) {
        this.store = store;
        this.settings = settings;
        this.inRoster = inRoster;
    }

    /** The account's preferences, or the server default. */
    public Prefs prefs(String owner) {
        return prefs(owner, true);
    }

    /**
     * The account's preferences; without {@code readDatabase} those in memory however old, or
     * the server default.
     */
    private Prefs prefs(String owner, boolean readDatabase) {
        long now = System.nanoTime();
        Cached c = cache.get(owner);
        if (c != null && (!readDatabase || now - c.loaded() <= TTL_NANOS)) {
            return c.prefs();
        }
        if (!readDatabase) {
            return defaults(); // not cached: read once the database answers again
        }
        Prefs prefs;
        try {
            prefs = store.find(owner).orElseGet(this::defaults);
        } catch (RuntimeException e) {
            prefs = c != null ? c.prefs() : defaults(); // read again after the TTL
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(owner, new Cached(prefs, now));
        return prefs;
    }

    private Prefs defaults() {
        return new Prefs(settings.defaultMode(), Set.of(), Set.of());
    }

    public boolean archives(String owner, String peer) {
        return archives(owner, peer, true);
    }

    /**
     * Whether the owner's archive takes a message with the peer. Without {@code readDatabase}
     * (the database is unreachable) the decision uses what is in memory, and a peer counts as
     * not in the roster.
     */
    public boolean archives(String owner, String peer, boolean readDatabase) {
        return prefs(owner, readDatabase).archives(peer,
                () -> readDatabase && inRoster(owner, peer));
    }

    private boolean inRoster(String owner, String peer) {
        try {
            return inRoster.test(owner, peer);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A deleted account's preferences must not outlive it in the cache. */
    void accountDeleted(@Observes AccountDeleted event) {
        cache.remove(event.account().bare().toString());
    }

    /** Stores new preferences; they count on this node at once. */
    public void save(String owner, Prefs prefs) {
        store.save(owner, prefs);
        cache.put(owner, new Cached(prefs, System.nanoTime()));
    }
}

package im.meerkat.server.blocking;

import im.meerkat.xmpp.jid.Jid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads block lists for routing: from the cluster-wide cache, from the database on a miss. */
@ApplicationScoped
public class BlockLists {

    private BlockListCache cache;
    private BlockListStore store;

    /** For the container's proxy. */
    protected BlockLists() {
    }

    @Inject
    public BlockLists(BlockListCache cache, BlockListStore store) {
        this.cache = cache;
        this.store = store;
    }

    /** The list of a local account (bare JID). */
    public BlockList of(Jid owner) {
        return cache.get(owner, () -> store.load(owner));
    }
}

package im.meerkat.server.blocking;

import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.roster.RosterItem;
import im.meerkat.server.roster.RosterPushes;
import im.meerkat.server.roster.RosterStore;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What blocking and unblocking mean besides the stored list (XEP-0191 §4.3 to §4.5): pushes to
 * the user's resources that requested the block list, unavailable presence to a newly blocked
 * contact that may see the user's presence, and the current presence both ways once a contact is
 * unblocked. Pushes reach the requesting resources of this node, as roster pushes do.
 */
@ApplicationScoped
public class BlockingService {

    private final AtomicLong pushIds = new AtomicLong();
    private BlockListStore store;
    private BlocklistRequests requests;
    private SessionRegistry sessions;
    private RosterStore roster;
    private RosterPushes presence;
    private ServerConfig config;

    /** For the container's proxy. */
    protected BlockingService() {
    }

    @Inject
    public BlockingService(BlockListStore store, BlocklistRequests requests,
            SessionRegistry sessions, RosterStore roster, RosterPushes presence,
            ServerConfig config) {
        this.store = store;
        this.requests = requests;
        this.sessions = sessions;
        this.roster = roster;
        this.presence = presence;
        this.config = config;
    }

    /** Blocks items for the session's user; {@code items} is not empty. */
    public void block(LocalSession requester, List<Jid> items) {
        Jid owner = requester.jid().bare();
        BlockList before = store.load(owner);
        List<Jid> all = new ArrayList<>(before.items());
        all.addAll(items);
        BlockList after = BlockList.of(all);
        // Sent before the block is stored, which would stop it: the contact sees the user go away
        for (RosterItem item : contactsChangedBetween(owner, before, after)) {
            if (item.state().subscription().from()) {
                presence.presenceOfResources(owner, item.contact(), false);
            }
        }
        store.block(owner, items);
        push(owner, Element.builder(BlockingHandlers.BLOCK).children(itemElements(items)).build());
    }

    /** Unblocks items for the session's user, or everyone when {@code items} is empty. */
    public void unblock(LocalSession requester, List<Jid> items) {
        Jid owner = requester.jid().bare();
        BlockListStore.Change change = store.unblock(owner, items);
        for (RosterItem item : contactsChangedBetween(owner, change.after(), change.before())) {
            if (item.state().subscription().from()) {
                presence.presenceOfResources(owner, item.contact(), true);
            }
            if (item.state().subscription().to()) {
                presence.presenceOfResources(item.contact(), owner, true);
            }
        }
        push(owner, Element.builder(BlockingHandlers.UNBLOCK).children(itemElements(items)).build());
    }

    /** Local roster contacts that {@code blocking} blocks and {@code notBlocking} does not. */
    private List<RosterItem> contactsChangedBetween(Jid owner, BlockList notBlocking,
            BlockList blocking) {
        List<RosterItem> changed = new ArrayList<>();
        for (RosterItem item : roster.roster(owner).items()) {
            Jid c = item.contact();
            if (c.localOrNull() != null && config.serves(c.domain()) && blocking.blocks(c)
                    && !notBlocking.blocks(c)) {
                changed.add(item);
            }
        }
        return changed;
    }

    static List<Element> itemElements(List<Jid> items) {
        return items.stream().map(j -> Element.builder(BlockingHandlers.ITEM)
                .attribute("jid", j.toString()).build()).toList();
    }

    private void push(Jid owner, Element payload) {
        for (LocalSession s : sessions.locals(owner)) {
            if (requests.hasRequested(s)) {
                s.send(Iq.builder(Iq.Type.SET).id("block-push" + pushIds.incrementAndGet())
                        .to(s.jid()).child(payload).build().element());
            }
        }
    }
}

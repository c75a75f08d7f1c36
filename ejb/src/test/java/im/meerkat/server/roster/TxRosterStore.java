package im.meerkat.server.roster;

import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import java.util.List;
import java.util.Optional;

/** The roster store with each call in its own transaction, as the container runs it. */
public final class TxRosterStore extends RosterStore {

    private final Database db;

    public TxRosterStore(Database db) {
        super(db.em);
        this.db = db;
    }

    @Override
    public Roster roster(Jid owner) {
        return db.tx(() -> super.roster(owner));
    }

    @Override
    public Optional<RosterItem> item(Jid owner, Jid contact) {
        return db.tx(() -> super.item(owner, contact));
    }

    @Override
    public Change set(Jid owner, RosterSet set) {
        return db.tx(() -> super.set(owner, set));
    }

    @Override
    public Optional<Change> remove(Jid owner, Jid contact) {
        return db.tx(() -> super.remove(owner, contact));
    }

    @Override
    public Change outbound(Jid owner, Jid contact, Presence.Type type) {
        return db.tx(() -> super.outbound(owner, contact, type));
    }

    @Override
    public Change inbound(Jid owner, Jid contact, Presence.Type type) {
        return db.tx(() -> super.inbound(owner, contact, type));
    }

    @Override
    public List<Jid> subscribers(Jid owner) {
        return db.tx(() -> super.subscribers(owner));
    }

    @Override
    public List<Jid> subscriptions(Jid owner) {
        return db.tx(() -> super.subscriptions(owner));
    }

    @Override
    public List<Jid> pendingIn(Jid owner) {
        return db.tx(() -> super.pendingIn(owner));
    }

    @Override
    public void purge(Jid account) {
        db.run(() -> super.purge(account));
    }
}

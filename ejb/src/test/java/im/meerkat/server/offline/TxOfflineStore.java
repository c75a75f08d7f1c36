package im.meerkat.server.offline;

import im.meerkat.server.roster.Database;
import im.meerkat.xmpp.jid.Jid;
import java.util.List;

/** The offline store with each call in its own transaction, as the container runs it. */
public final class TxOfflineStore extends OfflineStore {

    private final Database db;

    public TxOfflineStore(Database db) {
        super(db.em);
        this.db = db;
    }

    @Override
    public boolean store(Jid account, long storedAt, String stanza, int limit) {
        return db.tx(() -> super.store(account, storedAt, stanza, limit));
    }

    @Override
    public long count(Jid account) {
        return db.tx(() -> super.count(account));
    }

    @Override
    public List<Stored> messages(Jid account) {
        return db.tx(() -> super.messages(account));
    }

    @Override
    public void delete(Jid account, List<Long> ids) {
        db.run(() -> super.delete(account, ids));
    }

    @Override
    public void purge(Jid account) {
        db.run(() -> super.purge(account));
    }
}

package im.meerkat.server.blocking;

import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionObserver;
import im.meerkat.server.stream.ChannelId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of this node that have requested their block list, which makes them receive
 * block and unblock pushes (XEP-0191 §4.3, §4.4). Forgotten when the session ends.
 */
@ApplicationScoped
public class BlocklistRequests implements SessionObserver {

    private final Set<ChannelId> requested = ConcurrentHashMap.newKeySet();

    public void requested(LocalSession session) {
        requested.add(session.channelId());
    }

    public boolean hasRequested(LocalSession session) {
        return requested.contains(session.channelId());
    }

    @Override
    public void ended(LocalSession session) {
        requested.remove(session.channelId());
    }

    @Override
    public void movedAway(LocalSession session) {
        requested.remove(session.channelId());
    }
}

package im.meerkat.server.routing;

import im.meerkat.server.session.SessionRecord;
import im.meerkat.xmpp.stanza.Stanza;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A single node: a session held elsewhere is unreachable and counts as absent. */
@ApplicationScoped
public class NoRemoteSessions implements RemoteSessions {

    private static final Logger LOG = Logger.getLogger(NoRemoteSessions.class.getName());

    @Override
    public boolean deliver(SessionRecord target, Stanza stanza) {
        LOG.log(Level.FINE, "no cluster delivery to node {0}; treated as absent",
                target.channel().node());
        return false;
    }
}

package im.meerkat.server.cluster;

import im.meerkat.server.routing.RemoteSessions;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.stanza.Stanza;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link RemoteSessions} over the cluster: one command to the node that holds the session
 * (architecture invariant 7), answered once that node wrote the stanza or found the session
 * gone. Waiting for the answer keeps stanzas from one connection in routing order (invariant 2).
 */
@ApplicationScoped
@Alternative
@Priority(100)
public class ClusterRemoteSessions implements RemoteSessions {

    private static final Logger LOG = Logger.getLogger(ClusterRemoteSessions.class.getName());

    private ClusterService cluster;

    /** For the container's proxy. */
    protected ClusterRemoteSessions() {
    }

    @Inject
    public ClusterRemoteSessions(ClusterService cluster) {
        this.cluster = cluster;
    }

    @Override
    public boolean deliver(SessionRecord target, Stanza stanza) {
        return cluster.send(target.channel().node(),
                new DeliverCommand(target.channel().local(), NodeCommands.toXml(stanza.element())));
    }

    @Override
    public boolean deliverIfInterested(SessionRecord target, Stanza stanza) {
        return cluster.send(target.channel().node(), new DeliverToInterestedCommand(
                target.channel().local(), NodeCommands.toXml(stanza.element())));
    }

    @Override
    public Optional<Presence> presence(SessionRecord target) {
        String xml = cluster.ask(target.channel().node(),
                new PresenceCommand(target.channel().local()));
        if (xml == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((Presence) Stanza.of(NodeCommands.parse(xml)));
        } catch (StreamErrorException | StanzaErrorException | ClassCastException e) {
            LOG.log(Level.WARNING, "a presence from another node does not parse", e);
            return Optional.empty();
        }
    }

    @Override
    public boolean deliverStored(SessionRecord target) {
        return cluster.send(target.channel().node(),
                new DeliverStoredCommand(target.channel().local()));
    }

    @Override
    public boolean end(SessionRecord target, StreamError error) {
        return cluster.send(target.channel().node(),
                new EndSessionCommand(target.channel().local(),
                        NodeCommands.toXml(error.toElement())));
    }
}

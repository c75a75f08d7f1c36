package im.meerkat.server.cluster;

import im.meerkat.server.routing.RemoteSessions;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.stanza.Stanza;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Map;

/**
 * {@link RemoteSessions} over the cluster: one command to the node that holds the session
 * (architecture invariant 7), answered once that node wrote the stanza or found the session
 * gone. Waiting for the answer keeps stanzas from one connection in routing order (invariant 2).
 */
@ApplicationScoped
@Alternative
@Priority(100)
public class ClusterRemoteSessions implements RemoteSessions {

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
    public boolean deliverIfInterested(String node, Map<SessionRecord, Stanza> stanzas) {
        ArrayList<DeliverToInterestedCommand.Target> targets = new ArrayList<>();
        stanzas.forEach((record, stanza) -> targets.add(new DeliverToInterestedCommand.Target(
                record.channel().local(), NodeCommands.toXml(stanza.element()))));
        return cluster.send(node, new DeliverToInterestedCommand(targets));
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

package im.meerkat.server.stream;

import im.meerkat.server.cluster.ClusterService;
import im.meerkat.server.cluster.ResumeCommand;
import im.meerkat.server.cluster.SessionHandovers;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlWriter;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Resumption of a session that another node of the cluster holds (XEP-0198 §5,
 * docs/CLUSTER.md). The node the client came back to finds the account's sessions on other nodes
 * in the session table and asks the node of each, with one {@link ResumeCommand}, to hand over
 * the one the resumption id names. That node acknowledges the client's {@code h}, points the
 * session's record at the new stream, closes the old stream, forgets the session without ending
 * it (no unavailable presence, nothing to offline storage) and answers with its state
 * ({@link Handover}). The new node writes {@code <resumed/>} and the unacknowledged stanzas
 * before any stanza routed to the session meanwhile, which its session holds until then.
 */
final class ClusterResumption implements SessionHandovers {

    private static final System.Logger LOG = System.getLogger(ClusterResumption.class.getName());
    // Up to meerkat.sm.max-unacked stanzas, each within the stanza limit of the sending node.
    private static final ParserLimits LIMITS = new ParserLimits(64 * 1024 * 1024, 256, 1024);

    private final Resumptions resumptions;
    private final SessionRegistry registry;
    private final ClusterService cluster;
    private final StreamEnvironment env;

    ClusterResumption(StreamEnvironment env, Resumptions resumptions, SessionRegistry registry,
            ClusterService cluster) {
        this.env = env;
        this.resumptions = resumptions;
        this.registry = registry;
        this.cluster = cluster;
    }

    /** The account's sessions that other nodes hold: where a resumption may be found. */
    List<SessionRecord> candidates(Jid account) {
        return registry.records(account.bare()).stream()
                .filter(r -> !r.channel().node().equals(registry.node()))
                .toList();
    }

    /**
     * On the node the client came back to: takes over the session {@code previd} names from the
     * node that holds it, and writes {@code resumed} and the unacknowledged stanzas to the stream.
     *
     * @return false when no other node holds such a session of the stream's account
     * @throws UnackedQueue.HandledCountTooHigh when {@code h} covers stanzas never sent; the
     *     session stays where it was
     */
    boolean resume(ClientStream stream, String previd, long h, List<SessionRecord> candidates)
            throws UnackedQueue.HandledCountTooHigh {
        Jid account = stream.account().bare();
        for (SessionRecord r : candidates) {
            SessionChannel session = resumptions.newSession(stream.channel());
            Jid fullJid = account.withResource(r.resource());
            LocalSession local = registry.adopt(fullJid, session, r.since());
            if (local == null) {
                continue;
            }
            Element answer = ask(r, previd, account, h, stream.channel());
            Handover handover = answer == null ? null : handover(answer);
            if (handover == null || !handover.jid().equals(fullJid)) {
                List<Element> held = registry.abandon(local);
                if (!held.isEmpty()) {
                    // The other node moved the record here, then found the session ended
                    env.sessions().unbind(session.id(), held);
                }
                if (answer != null && answer.is(Handover.TOO_HIGH)) {
                    throw new UnackedQueue.HandledCountTooHigh(h,
                            UnackedQueue.parse(answer.attribute("send-count")));
                }
                continue;
            }
            session.bound(fullJid, () -> resumptions.overflowed(session));
            resumptions.register(previd, session);
            session.adopt(previd, handover.state(), StreamManagement.resumed(previd, handover.state().handled()));
            stream.resumed(session);
            handover.applyTo(local);
            registry.adopted(local);
            local.releaseLive();
            resumptions.resumed(null);
            LOG.log(Level.DEBUG, "{0} resumed here from node {1} with {2} unacknowledged stanzas",
                    fullJid, r.channel().node(), handover.state().unacked().size());
            return true;
        }
        return false;
    }

    private Element ask(SessionRecord r, String previd, Jid account, long h, StreamChannel target) {
        String address = target.remote() == null ? "-"
                : target.remote().getHostString() + ":" + target.remote().getPort();
        String answer = cluster.request(r.channel().node(), new ResumeCommand(r.channel().local(),
                previd, account.toString(), h, registry.node(), target.id().local(),
                target.transport(), address));
        if (answer == null) {
            return null;
        }
        try {
            return new XmlDocumentParser(LIMITS).parse(answer);
        } catch (StreamErrorException e) {
            LOG.log(Level.WARNING, "the answer of node " + r.channel().node() + " to a resumption does not parse", e);
            return null;
        }
    }

    private static Handover handover(Element answer) {
        if (!answer.is(Handover.HANDOVER)) {
            return null;
        }
        try {
            return Handover.fromElement(answer);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "a session handed over by another node is not readable", e);
            return null;
        }
    }

    /** On the node that holds the session: hands it over (see {@link SessionHandovers}). */
    @Override
    public String handOver(ChannelId channel, String previd, Jid account, long h, ChannelId target,
            String transport, String address) {
        SessionChannel session = resumptions.find(previd)
                .filter(s -> s.id().equals(channel))
                .filter(s -> s.jid() != null && s.jid().bare().equals(account.bare()))
                .filter(s -> !s.ended())
                .orElse(null);
        if (session == null) {
            return null;
        }
        try {
            session.acknowledge(h);
        } catch (UnackedQueue.HandledCountTooHigh e) {
            return XmlWriter.toXml(Element.builder(Handover.TOO_HIGH)
                    .attribute("h", Long.toString(e.h()))
                    .attribute("send-count", Long.toString(e.sent())).build());
        }
        LocalSession local = registry.handOver(channel, target, transport, address);
        if (local == null) {
            return null;
        }
        SessionChannel.HandedOver state = session.handOver();
        if (state == null) {
            return null;
        }
        resumptions.handedOver(previd, session, state.connection());
        return XmlWriter.toXml(Handover.of(local, state).toElement());
    }
}

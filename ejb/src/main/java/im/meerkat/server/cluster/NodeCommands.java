package im.meerkat.server.cluster;

import im.meerkat.server.session.HeldSessions;
import im.meerkat.server.session.LocalSession;
import im.meerkat.server.session.SessionRecord;
import im.meerkat.server.session.SessionRegistry;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a node does when another node's command arrives: the context of every cluster command.
 * Stanzas and stream errors travel as XML text and are parsed here; a session that is gone
 * answers false, and the sending node then applies the rules for an absent resource (RFC 6121
 * §8.5.3.2).
 */
public class NodeCommands {

    private static final Logger LOG = Logger.getLogger(NodeCommands.class.getName());
    // The stanza passed the sending node's limits already; these only bound the copy.
    private static final ParserLimits LIMITS = new ParserLimits(16 * 1024 * 1024, 256, 1024);

    private final SessionRegistry sessions;
    private final String address;
    /** Writes a session's stored messages (XEP-0160), when this node stores them. */
    private volatile Consumer<LocalSession> storedDelivery;
    /** Removes the left-over records of another node's sessions after a merge, once set. */
    private volatile Consumer<HeldSessions> leftOvers;
    /** Hands this node's resumable sessions over to other nodes (XEP-0198 §5), once set. */
    private volatile SessionHandovers handovers;

    public NodeCommands(SessionRegistry sessions, String address) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.address = Objects.requireNonNull(address, "address");
    }

    /** Writes a stanza to a session of this node; false when the stream is gone. */
    public boolean deliver(String channel, String stanzaXml) {
        LocalSession session = sessions.session(new ChannelId(sessions.node(), channel));
        if (session == null) {
            return false;
        }
        try {
            return session.send(Stanza.of(parse(stanzaXml)).element());
        } catch (StreamErrorException | StanzaErrorException e) {
            LOG.log(Level.WARNING, "a stanza from another node does not parse; dropped", e);
            return false;
        }
    }

    /**
     * Writes each stanza to its session of this node when that session is an interested resource
     * (RFC 6121 §2.1.6); false when none was written (none interested, or the streams are gone).
     */
    public boolean deliverIfInterested(List<DeliverToInterestedCommand.Target> targets) {
        boolean written = false;
        for (DeliverToInterestedCommand.Target t : targets) {
            LocalSession session = sessions.session(new ChannelId(sessions.node(), t.channel()));
            if (session != null && session.interested()) {
                written |= deliver(t.channel(), t.stanza());
            }
        }
        return written;
    }

    /** Sets what writes a session's stored messages (offline storage, XEP-0160). */
    public void useStoredDelivery(Consumer<LocalSession> delivery) {
        this.storedDelivery = delivery;
    }

    /** Writes the stored messages of a session of this node; false when it is gone. */
    public boolean deliverStored(String channel) {
        LocalSession session = sessions.session(new ChannelId(sessions.node(), channel));
        Consumer<LocalSession> delivery = storedDelivery;
        if (session == null || delivery == null) {
            return false;
        }
        delivery.accept(session);
        return true;
    }

    /** Sets what hands this node's resumable sessions over to other nodes. */
    public void useHandovers(SessionHandovers sessionHandovers) {
        this.handovers = sessionHandovers;
    }

    /**
     * Hands a resumable session of this node over to a stream of another node (XEP-0198 §5).
     *
     * @return the session's state as XML, or null when this node holds no such session
     */
    public String handOver(String channel, String previd, Jid account, long h, ChannelId target,
            String transport, String address) {
        SessionHandovers current = handovers;
        if (current == null) {
            return null;
        }
        return current.handOver(new ChannelId(sessions.node(), channel), previd, account, h,
                target, transport, address);
    }

    /** Ends a session of this node with a stream error; false when it is gone already. */
    public boolean end(String channel, String streamErrorXml) {
        LocalSession session = sessions.session(new ChannelId(sessions.node(), channel));
        if (session == null) {
            return false;
        }
        try {
            return sessions.end(session, StreamError.fromElement(parse(streamErrorXml)));
        } catch (StreamErrorException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "a stream error from another node does not parse", e);
            return sessions.end(session, null);
        }
    }

    /**
     * After a partition heals: another node's sessions (docs/CLUSTER.md, "Partitions and
     * merge"). This node's sessions of the same full JIDs that were bound earlier end with
     * {@code <conflict/>}; the answer holds this node's records of those that stay.
     */
    public ArrayList<HeldSessionsCommand.Held> settle(List<HeldSessionsCommand.Held> theirs) {
        ArrayList<HeldSessionsCommand.Held> staying = new ArrayList<>();
        for (HeldSessionsCommand.Held held : theirs) {
            Jid full;
            SessionRecord other;
            try {
                full = Jid.of(held.jid());
                other = SessionRecord.decode(held.record());
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "a session from another node does not parse", e);
                continue;
            }
            SessionRecord mine = sessions.settle(full, other);
            if (mine != null) {
                staying.add(new HeldSessionsCommand.Held(held.jid(), mine.encode()));
            }
        }
        return staying;
    }

    /** Sets what removes the records of another node's sessions that it no longer holds. */
    public void useLeftOvers(Consumer<HeldSessions> removal) {
        this.leftOvers = removal;
    }

    /**
     * After a partition heals: every session another node holds, as of a time of its clock
     * (docs/CLUSTER.md, "Partitions and merge"); records of its sessions that it did not list go.
     */
    public void heldElsewhere(String node, long asOf, List<HeldSessionsCommand.Held> theirs) {
        Consumer<HeldSessions> removal = leftOvers;
        if (removal == null) {
            return;
        }
        Map<Jid, SessionRecord> held = new HashMap<>();
        for (HeldSessionsCommand.Held h : theirs) {
            try {
                held.put(Jid.of(h.jid()), SessionRecord.decode(h.record()));
            } catch (IllegalArgumentException e) {
                // One record that does not parse could make a live session look left over
                LOG.log(Level.WARNING, "a session from node " + node + " does not parse; its"
                        + " records stay", e);
                return;
            }
        }
        removal.accept(new HeldSessions(node, asOf, held));
    }

    /** This node as {@code cluster-status} shows it: {@code address TAB uptime-millis}. */
    public String status() {
        return address + '\t' + ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** The text form that commands carry. */
    static String toXml(Element element) {
        return XmlWriter.toXml(element);
    }

    static Element parse(String xml) throws StreamErrorException {
        return new XmlDocumentParser(LIMITS).parse(xml);
    }
}

package im.meerkat.server.session;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.server.stream.StreamChannel;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import im.meerkat.xmpp.xml.Element;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bound resource held by this node: its full JID, the stream to write to, and the presence
 * state that only this node needs (the last available presence, RFC 6121 §4.4, and the entities
 * that received directed presence, RFC 6121 §4.6). Presence state is written by the session's
 * own stanzas, which arrive one at a time, and read by any routing thread.
 */
public final class LocalSession {

    private final Jid jid;
    private final StreamChannel channel;
    private final long since;
    private volatile Presence presence;
    private volatile boolean interested;
    private final Set<Jid> directedTo = ConcurrentHashMap.newKeySet();
    /** Stanzas routed while stored messages are written first ({@link #holdLive}), else null. */
    private List<Element> held;

    public LocalSession(Jid jid, StreamChannel channel, long since) {
        this.jid = jid;
        this.channel = channel;
        this.since = since;
    }

    /** The full JID. */
    public Jid jid() {
        return jid;
    }

    public ChannelId channelId() {
        return channel.id();
    }

    public StreamChannel channel() {
        return channel;
    }

    public long since() {
        return since;
    }

    /**
     * Writes one element to the client; false when its stream is gone. While stored messages are
     * written ({@link #holdLive}), the element waits and goes out after them.
     */
    public boolean send(Element element) {
        synchronized (this) {
            if (held != null) {
                held.add(element);
                return true;
            }
        }
        return channel.send(element);
    }

    /** Writes a stored message at once, ahead of what {@link #holdLive} holds. */
    public boolean sendStored(Element element) {
        return channel.send(element);
    }

    /**
     * From now until {@link #releaseLive}, stanzas routed to this session wait, so that messages
     * stored while the user was offline reach the client before those sent after them (RFC 6120
     * §10.1 order, XEP-0160): the session is marked available, its stored messages are written
     * with {@link #sendStored}, then the held stanzas follow.
     */
    public synchronized void holdLive() {
        if (held == null) {
            held = new ArrayList<>();
        }
    }

    /** Writes the stanzas held since {@link #holdLive}, in order, and stops holding. */
    public synchronized void releaseLive() {
        if (held == null) {
            return;
        }
        List<Element> waiting = held;
        held = null;
        for (Element e : waiting) {
            channel.send(e);
        }
    }

    /**
     * The session is forgotten before it was used (a resumption from another node that did not
     * happen): returns what {@link #holdLive} held, to be handled as undelivered, and keeps
     * holding.
     */
    public synchronized List<Element> abandonHeld() {
        if (held == null) {
            return List.of();
        }
        List<Element> waiting = held;
        held = new ArrayList<>();
        return waiting;
    }

    /** The last available presence broadcast by this session, or null when unavailable. */
    public Presence presence() {
        return presence;
    }

    public boolean available() {
        return presence != null;
    }

    /** Sets (available presence) or clears (null: unavailable) the broadcast presence. */
    public void presence(Presence newPresence) {
        this.presence = newPresence;
    }

    /** Whether the client requested the roster, which makes it receive roster pushes (RFC 6121 §2.1.6). */
    public boolean interested() {
        return interested;
    }

    public void rosterRequested() {
        this.interested = true;
    }

    /** The entities this session sent directed available presence to and not unavailable since. */
    public Set<Jid> directedPresenceTargets() {
        return Set.copyOf(directedTo);
    }

    public void directedAvailable(Jid target) {
        directedTo.add(target);
    }

    public void directedUnavailable(Jid target) {
        directedTo.remove(target);
    }

    public void clearDirected() {
        directedTo.clear();
    }

    @Override
    public String toString() {
        return jid + " on " + channel.id();
    }
}

package im.meerkat.server.session;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Presence;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One bound resource as the replicated session table holds it (RFC 6120 §7): which node and
 * stream hold it, how the client is connected, the availability and priority of its last
 * broadcast presence (RFC 6121 §4.7.2.3), which bare-JID routing needs on every node, and that
 * presence itself, which every node sends to contacts as the resource's current presence
 * (§4.2.3, §4.3.2).
 *
 * <p>Table values are plain strings ({@link #encodeAll}), so that the cache needs no application
 * classes to replicate them.
 *
 * @param resource  the resourcepart of the full JID
 * @param channel   the node and stream that hold the session (architecture invariant 6)
 * @param transport {@code tcp}, {@code tls}, {@code websocket} or {@code bosh}
 * @param address   the client's address as {@code host:port}, or {@code -} when unknown
 * @param since     when the resource was bound, milliseconds since the epoch
 * @param available whether the session has sent available presence (and not unavailable since)
 * @param priority  the priority of the last available presence, 0 before any
 * @param carbons   whether the client enabled message carbons (XEP-0280 §4), which every node
 *                  that routes a message to the account needs to know
 * @param caps      the entity capabilities the client announced in its last available presence
 *                  as {@code node#ver} (XEP-0115 §4), or empty; PEP notifications are filtered by
 *                  them (XEP-0163 §4.3)
 * @param presence  the last available presence as {@link RecordedPresence} writes it, empty when
 *                  the session is unavailable or the record comes from a node that did not write
 *                  it
 */
public record SessionRecord(String resource, ChannelId channel, String transport, String address,
        long since, boolean available, int priority, boolean carbons, String caps,
        String presence) {

    private static final char FIELD = '\t';
    private static final char LINE = '\n';

    public SessionRecord {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(caps, "caps");
        Objects.requireNonNull(presence, "presence");
    }

    /** A session without carbons, announced capabilities or recorded presence. */
    public SessionRecord(String resource, ChannelId channel, String transport, String address,
            long since, boolean available, int priority) {
        this(resource, channel, transport, address, since, available, priority, false, "", "");
    }

    /**
     * The same session after it broadcast presence: {@code last} is its available presence, or
     * null when it went unavailable (the priority then stays as it was).
     */
    public SessionRecord withPresence(Presence last) {
        return last == null
                ? new SessionRecord(resource, channel, transport, address, since, false, priority,
                        carbons, caps, "")
                : new SessionRecord(resource, channel, transport, address, since, true,
                        last.priority(), carbons, caps, RecordedPresence.encode(last));
    }

    /** The same session with carbons enabled or disabled. */
    public SessionRecord withCarbons(boolean enabled) {
        return new SessionRecord(resource, channel, transport, address, since, available, priority,
                enabled, caps, presence);
    }

    /** The same session with other announced capabilities ({@code node#ver}, or empty). */
    public SessionRecord withCaps(String newCaps) {
        return new SessionRecord(resource, channel, transport, address, since, available, priority,
                carbons, newCaps, presence);
    }

    /**
     * The same session carried by another stream, maybe on another node, after a resumption
     * there (XEP-0198 §5): presence, carbons and capabilities stay.
     */
    public SessionRecord movedTo(ChannelId newChannel, String newTransport, String newAddress) {
        return new SessionRecord(resource, newChannel, newTransport, newAddress, since, available,
                priority, carbons, caps, presence);
    }

    /**
     * The last available presence of this resource, from its full JID {@code from} and without
     * {@code to}, as the node that holds the session has it: what another node sends a contact
     * as the resource's current presence (RFC 6121 §3.1.5, §4.2.3, §4.3.2). Without recorded
     * presence, an available presence with the recorded priority.
     */
    public Presence lastPresence(Jid from) {
        return RecordedPresence.decode(presence, from, priority);
    }

    /** Whether messages to the bare JID may go here: available with non-negative priority (RFC 6121 §8.5.2.1.1). */
    public boolean receivesBareMessages() {
        return available && priority >= 0;
    }

    /** This record as text, as the table holds it, for a cluster command to carry. */
    public String encode() {
        return encodeAll(List.of(this));
    }

    /** Reads a record written by {@link #encode()}. */
    public static SessionRecord decode(String value) {
        List<SessionRecord> records = decodeAll(value);
        if (records.size() != 1) {
            throw new IllegalArgumentException("not one session record: " + value);
        }
        return records.get(0);
    }

    /** All sessions of one account as one table value: one line per session. */
    static String encodeAll(List<SessionRecord> records) {
        StringBuilder b = new StringBuilder(records.size() * 256);
        for (SessionRecord r : records) {
            if (b.length() > 0) {
                b.append(LINE);
            }
            field(b, r.resource);
            field(b, r.channel.node());
            field(b, r.channel.local());
            field(b, r.transport);
            field(b, r.address);
            b.append(r.since).append(FIELD).append(r.available ? '1' : '0').append(FIELD)
                    .append(r.priority).append(FIELD).append(r.carbons ? '1' : '0').append(FIELD);
            escape(b, r.caps);
            b.append(FIELD);
            escape(b, r.presence);
        }
        return b.toString();
    }

    /** Reads a table value written by {@link #encodeAll}; null or empty gives an empty list. */
    static List<SessionRecord> decodeAll(String value) {
        List<SessionRecord> records = new ArrayList<>(2);
        if (value == null || value.isEmpty()) {
            return records;
        }
        for (String line : value.split(String.valueOf(LINE), -1)) {
            String[] f = line.split(String.valueOf(FIELD), -1);
            // Fewer fields: written by a node from before carbons and caps (eight) or before the
            // recorded presence (ten), in a rolling upgrade; more: by a later node, which added
            // fields at the end
            if (f.length < 8 || f.length == 9) {
                throw new IllegalArgumentException("malformed session table entry: " + line);
            }
            records.add(new SessionRecord(unescape(f[0]),
                    new ChannelId(unescape(f[1]), unescape(f[2])), unescape(f[3]),
                    unescape(f[4]), Long.parseLong(f[5]), "1".equals(f[6]),
                    Integer.parseInt(f[7]), f.length > 8 && "1".equals(f[8]),
                    f.length > 8 ? unescape(f[9]) : "", f.length > 10 ? unescape(f[10]) : ""));
        }
        return records;
    }

    // Resourceparts cannot hold control characters (OpaqueString), but channel ids and addresses
    // come from transports, so the separators and the escape character itself are escaped.
    private static void field(StringBuilder b, String s) {
        escape(b, s);
        b.append(FIELD);
    }

    private static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '%' -> b.append("%25");
                case FIELD -> b.append("%09");
                case LINE -> b.append("%0A");
                default -> b.append(c);
            }
        }
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

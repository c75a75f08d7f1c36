package im.meerkat.testsuite.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;

/**
 * The stanzas one connection receives that match a filter, collected from the moment the inbox
 * is made, so a test can send first and look afterwards.
 */
public final class Inbox implements AutoCloseable {

    /** How long a test waits for a stanza that must arrive. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final StanzaCollector collector;

    private Inbox(XMPPConnection connection, StanzaFilter filter) {
        this.collector = connection.createStanzaCollector(StanzaCollector.newConfiguration()
                .setStanzaFilter(filter).setSize(20_000));
    }

    public static Inbox of(XMPPConnection connection, StanzaFilter filter) {
        return new Inbox(connection, filter);
    }

    public static Inbox messages(XMPPConnection connection) {
        return new Inbox(connection, StanzaTypeFilter.MESSAGE);
    }

    public static Inbox messages(XMPPConnection connection, StanzaFilter filter) {
        return new Inbox(connection, new AndFilter(StanzaTypeFilter.MESSAGE, filter));
    }

    public static Inbox presences(XMPPConnection connection, StanzaFilter filter) {
        return new Inbox(connection, new AndFilter(StanzaTypeFilter.PRESENCE, filter));
    }

    /** The next stanza; fails the test when none arrives within {@link #WAIT}. */
    public <S extends Stanza> S next(String what) {
        return next(what, WAIT);
    }

    public <S extends Stanza> S next(String what, Duration wait) {
        try {
            S stanza = collector.nextResult(wait.toMillis());
            if (stanza == null) {
                throw new AssertionError("expected " + what + " within " + wait.toSeconds()
                        + " s, got nothing");
            }
            return stanza;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public Message nextMessage(String what) {
        return next(what);
    }

    public Presence nextPresence(String what) {
        return next(what);
    }

    /** What arrived so far, without waiting. */
    public List<Stanza> drain() {
        List<Stanza> stanzas = new ArrayList<>();
        for (Stanza s = collector.pollResult(); s != null; s = collector.pollResult()) {
            stanzas.add(s);
        }
        return stanzas;
    }

    @Override
    public void close() {
        collector.cancel();
    }
}

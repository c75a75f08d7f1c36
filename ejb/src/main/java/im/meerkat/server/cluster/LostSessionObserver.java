package im.meerkat.server.cluster;

import im.meerkat.server.session.SessionRecord;
import im.meerkat.xmpp.jid.Jid;

/**
 * Told once for each session of a lost node when its record leaves the table (architecture
 * invariant 6): the node that held its stream can no longer send the unavailable presence of
 * RFC 6121 §4.5.2. Exactly one node calls it per session, the one whose conditional removal
 * succeeded. The roster's contacts plug in here.
 */
public interface LostSessionObserver {

    void lost(Jid fullJid, SessionRecord record);
}

package im.meerkat.server.disco;

import im.meerkat.xmpp.jid.Jid;
import java.util.List;

/**
 * Services of the server that disco#items on the server lists (XEP-0030 §4.1), such as the
 * SOCKS5 proxy {@code proxy.example.org}. Every bean of this type is asked.
 */
public interface ServerItems {

    /** The service addresses to list for the served domain {@code server}. */
    List<Jid> items(Jid server);
}

package im.meerkat.server.stream;

import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.xml.Element;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The presence held back from a client that said it is inactive (XEP-0352 §5): only available and
 * unavailable presence waits, the latest from each sender's full JID replacing an earlier one;
 * subscription requests, probes, errors, messages and IQs are never held. Released in the order
 * the kept stanzas arrived. Not thread-safe: its {@link SessionChannel} guards it.
 */
final class PresenceHold {

    private final Map<String, Element> held = new LinkedHashMap<>();

    /** Whether this element may wait while the client is inactive. */
    static boolean holdable(Element element) {
        if (!Stanza.isStanza(element) || !element.localName().equals("presence")) {
            return false;
        }
        String type = element.attribute("type");
        return type == null || "unavailable".equals(type);
    }

    /** Holds a {@linkplain #holdable holdable} presence, replacing the one from the same sender. */
    void hold(Element presence) {
        String from = presence.attribute("from");
        String key = from == null ? "" : from;
        held.remove(key);
        held.put(key, presence);
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    int size() {
        return held.size();
    }

    /** Returns the held presence in arrival order (of the kept ones) and forgets it. */
    List<Element> release() {
        List<Element> out = new ArrayList<>(held.values());
        held.clear();
        return out;
    }
}

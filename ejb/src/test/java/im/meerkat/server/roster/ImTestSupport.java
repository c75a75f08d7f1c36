package im.meerkat.server.roster;

import im.meerkat.xmpp.xml.Element;
import java.util.List;

/** Picking stanzas out of what a client received. */
final class ImTestSupport {

    private ImTestSupport() {
    }

    static List<Element> named(List<Element> received, String name) {
        return received.stream().filter(e -> e.localName().equals(name)).toList();
    }

    static List<Element> presences(List<Element> received, String type) {
        return named(received, "presence").stream()
                .filter(e -> java.util.Objects.equals(type, e.attribute("type"))).toList();
    }

    /** The items of roster pushes (IQ sets) among what was received. */
    static List<Element> pushedItems(List<Element> received) {
        return named(received, "iq").stream().filter(e -> "set".equals(e.attribute("type")))
                .map(e -> e.elements().get(0).elements().get(0)).toList();
    }
}

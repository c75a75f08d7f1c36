package im.meerkat.server.caps;

import im.meerkat.server.disco.DiscoInfoHandler;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Optional;

/**
 * The server's own entity capabilities (XEP-0115 §6.3): {@code <c hash='sha-1' node ver/>} for
 * its stream features, with {@code ver} computed (§5.1) from the server's disco#info, which the
 * server also answers on {@code node#ver} (§6.2). The server's features are fixed once it is
 * deployed, so the element is computed once.
 */
@ApplicationScoped
public class ServerCaps {

    /** The element's name (XEP-0115 §4). */
    public static final XmlName C = XmlName.of("http://jabber.org/protocol/caps", "c");

    private Provider<DiscoInfoHandler> disco;
    private volatile Optional<Element> element;

    /** For the container's proxy. */
    protected ServerCaps() {
    }

    @Inject
    public ServerCaps(Provider<DiscoInfoHandler> disco) {
        this.disco = disco;
    }

    /** The {@code <c/>} element, or empty if the server's disco#info could not be hashed. */
    public Optional<Element> element() {
        Optional<Element> e = element;
        if (e == null) {
            e = of(disco.get().serverInfo());
            element = e;
        }
        return e;
    }

    /** The {@code <c/>} element for a disco#info {@code <query/>} of the server. */
    static Optional<Element> of(Element serverInfo) {
        return CapsHash.ver(serverInfo).map(ver -> Element.builder(C)
                .attribute("hash", CapsHash.SHA_1)
                .attribute("node", DiscoInfoHandler.CAPS_NODE)
                .attribute("ver", ver).build());
    }
}

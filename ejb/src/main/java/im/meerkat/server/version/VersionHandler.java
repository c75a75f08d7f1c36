package im.meerkat.server.version;

import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Software Version (XEP-0092 §2): the server's name and version. The operating system is left
 * out, as §5 (security considerations) allows.
 */
@ApplicationScoped
public class VersionHandler implements IqHandler {

    public static final String NAMESPACE = "jabber:iq:version";
    public static final String NAME = "Meerkat";
    private static final XmlName QUERY = XmlName.of(NAMESPACE, "query");
    private static final String UNKNOWN_VERSION = "0.1.0-SNAPSHOT";

    private final String version;

    public VersionHandler() {
        // Set from the jar manifest when the build records it; a development build has none.
        String v = VersionHandler.class.getPackage().getImplementationVersion();
        this.version = v == null ? UNKNOWN_VERSION : v;
    }

    @Override
    public XmlName payload() {
        return QUERY;
    }

    /** The version string this server reports. */
    public String version() {
        return version;
    }

    @Override
    public Iq handle(IqRequest request) throws StanzaErrorException {
        if (request.isSet()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST,
                    "software version is an IQ get");
        }
        return request.iq().result(Element.builder(QUERY)
                .child(XmlName.of(NAMESPACE, "name"), NAME)
                .child(XmlName.of(NAMESPACE, "version"), version)
                .build());
    }
}

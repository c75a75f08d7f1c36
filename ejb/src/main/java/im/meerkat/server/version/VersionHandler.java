package im.meerkat.server.version;

import im.meerkat.server.iq.IqHandler;
import im.meerkat.server.iq.IqRequest;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Software Version (XEP-0092 §2): the server's name and version. The operating system is left
 * out, as §5 (security considerations) allows.
 */
@ApplicationScoped
public class VersionHandler implements IqHandler {

    public static final String NAMESPACE = "jabber:iq:version";
    public static final String NAME = "Meerkat";
    private static final XmlName QUERY = XmlName.of(NAMESPACE, "query");
    /** The properties Maven writes into every jar it builds. */
    private static final String POM_PROPERTIES = "/META-INF/maven/im.meerkat/meerkat-ejb/pom.properties";
    private static final String UNKNOWN_VERSION = "unknown";

    private final String version;

    public VersionHandler() {
        this.version = readVersion();
    }

    private static String readVersion() {
        String v = VersionHandler.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = VersionHandler.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", UNKNOWN_VERSION);
            }
        } catch (IOException e) {
            // an unreadable jar entry leaves the version unknown; the answer is still valid
        }
        return UNKNOWN_VERSION; // classes outside a built jar, as in unit tests
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

package im.meerkat.server.stream;

import im.meerkat.server.sasl.ChannelBinding;
import im.meerkat.server.sasl.SaslContext;
import im.meerkat.server.sasl.SaslMechanism;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.util.List;
import java.util.Optional;

/** The {@code <stream:features/>} elements of each negotiation step (RFC 6120 §4.3.2). */
final class StreamFeatures {

    static final XmlName FEATURES = XmlName.of(Namespaces.STREAMS, "features");
    static final XmlName STARTTLS = XmlName.of(Namespaces.TLS, "starttls");
    static final XmlName MECHANISMS = XmlName.of(Namespaces.SASL, "mechanisms");
    static final XmlName BIND = XmlName.of(Namespaces.BIND, "bind");
    static final XmlName SESSION = XmlName.of(Namespaces.SESSION, "session");
    /** XEP-0077 §8: the stream feature that announces in-band registration. */
    static final XmlName REGISTER_FEATURE = XmlName.of("http://jabber.org/features/iq-register", "register");
    /** XEP-0440: which channel binding types the server supports. */
    static final XmlName CHANNEL_BINDING = XmlName.of("urn:xmpp:sasl-cb:0", "sasl-channel-binding");

    private StreamFeatures() {
    }

    /** Before TLS when TLS is required: STARTTLS alone, marked required (§5.3.1). */
    static Element tlsRequired() {
        return Element.builder(FEATURES)
                .child(Element.builder(STARTTLS).child(XmlName.of(Namespaces.TLS, "required")))
                .build();
    }

    /**
     * Before authentication: optional STARTTLS, the SASL mechanisms (§6.4.1), the binding types
     * for -PLUS (XEP-0440), and registration when enabled.
     */
    static Element beforeAuthentication(boolean offerTls, List<SaslMechanism> mechanisms,
            SaslContext sasl, boolean registration) {
        Element.Builder features = Element.builder(FEATURES);
        if (offerTls) {
            features.child(STARTTLS);
        }
        Element.Builder list = Element.builder(MECHANISMS);
        for (SaslMechanism m : mechanisms) {
            list.child(XmlName.of(Namespaces.SASL, "mechanism"), m.name());
        }
        features.child(list);
        if (sasl.hasChannelBinding()) {
            Element.Builder types = Element.builder(CHANNEL_BINDING);
            ChannelBinding.supported(sasl.security()).forEach(type -> types.child(
                    Element.builder(CHANNEL_BINDING.namespace(), "channel-binding").attribute("type", type)));
            features.child(types);
        }
        if (registration) {
            features.child(REGISTER_FEATURE);
        }
        return features.build();
    }

    /**
     * After authentication: resource binding (§7.2), the legacy session, optional (RFC 3921 §3),
     * stream management (XEP-0198 §2), client state indication (XEP-0352 §2) and the server's
     * entity capabilities when known (XEP-0115 §6.3).
     */
    static Element afterAuthentication(Optional<Element> caps) {
        Element.Builder features = Element.builder(FEATURES)
                .child(BIND)
                .child(Element.builder(SESSION).child(XmlName.of(Namespaces.SESSION, "optional")))
                .child(XmlName.of("urn:xmpp:features:rosterver", "ver")) // XEP-0237 §3
                .child(XmlName.of("urn:xmpp:features:pre-approval", "sub")) // RFC 6121 §3.4.1
                .child(StreamManagement.FEATURE)
                .child(StreamManagement.CSI_FEATURE);
        caps.ifPresent(features::child);
        return features.build();
    }
}

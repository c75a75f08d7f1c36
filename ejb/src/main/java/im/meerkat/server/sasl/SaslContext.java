package im.meerkat.server.sasl;

import im.meerkat.connector.api.TransportSecurity;
import java.util.Objects;

/**
 * What a mechanism needs to know about the stream it authenticates: the domain the client asked
 * for (RFC 6120 §6.3.8: the simple user name is the localpart of an account of that domain), the
 * transport's protection and channel binding data, and where credentials are.
 */
public record SaslContext(String domain, TransportSecurity security, Credentials credentials) {

    public SaslContext {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** Whether this stream can offer the -PLUS mechanisms: it has data for a supported binding type. */
    public boolean hasChannelBinding() {
        return ChannelBinding.supported(security).findAny().isPresent();
    }
}

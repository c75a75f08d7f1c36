package im.meerkat.connector.api;

import java.util.Map;

/**
 * What protects a connection when a stream opens on it.
 *
 * @param encrypted       whether TLS is established
 * @param protocol        the TLS protocol version, such as {@code TLSv1.3}, or null
 * @param cipherSuite     the negotiated cipher suite, or null
 * @param channelBindings channel binding data by type name (RFC 5056), for example
 *                        {@code tls-server-end-point} (RFC 5929); empty when there is none
 */
public record TransportSecurity(boolean encrypted, String protocol, String cipherSuite,
        Map<String, byte[]> channelBindings) {

    /** A connection without TLS. */
    public static final TransportSecurity NONE = new TransportSecurity(false, null, null, Map.of());

    public TransportSecurity {
        channelBindings = Map.copyOf(channelBindings);
    }

    /** Security that a transport outside this adapter provides (HTTPS for WebSocket). */
    public static TransportSecurity external(boolean encrypted) {
        return encrypted ? new TransportSecurity(true, null, null, Map.of()) : NONE;
    }
}

package im.meerkat.server.sasl;

import im.meerkat.connector.api.TransportSecurity;
import java.util.List;
import java.util.stream.Stream;

/**
 * The channel binding types (RFC 5056) the SCRAM -PLUS mechanisms accept, in order of preference:
 * {@code tls-exporter} (RFC 9266, the one defined for TLS 1.3) and {@code tls-server-end-point}
 * (RFC 5929 §4). The transport supplies the data in {@link TransportSecurity#channelBindings()}.
 */
public final class ChannelBinding {

    public static final String TLS_EXPORTER = "tls-exporter";
    public static final String TLS_SERVER_END_POINT = "tls-server-end-point";

    private static final List<String> TYPES = List.of(TLS_EXPORTER, TLS_SERVER_END_POINT);

    private ChannelBinding() {
    }

    /** The supported types this stream has data for. */
    public static Stream<String> supported(TransportSecurity security) {
        return TYPES.stream().filter(t -> security.encrypted() && security.channelBindings().containsKey(t));
    }
}

package im.meerkat.connector.rar.net;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

import im.meerkat.connector.api.StreamKind;

/**
 * One listening socket: its name as the activation spec lists it, the kind of stream it
 * carries, and whether TLS starts at once (XEP-0368) or through STARTTLS (RFC 6120 §5).
 */
public record ListenerSpec(String name, StreamKind kind, boolean directTls,
        InetSocketAddress address) {

    public static final String C2S = "c2s";
    public static final String C2S_TLS = "c2s-tls";
    public static final String S2S = "s2s";
    /** Not an XMPP listener: the SOCKS5 bytestream proxy's socket (XEP-0065). */
    public static final String PROXY65 = "proxy65";

    public ListenerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
    }

    /** The listener of that name on this address: {@code c2s}, {@code c2s-tls} or {@code s2s}. */
    public static ListenerSpec named(String name, InetSocketAddress address) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case C2S -> new ListenerSpec(C2S, StreamKind.CLIENT, false, address);
            case C2S_TLS -> new ListenerSpec(C2S_TLS, StreamKind.CLIENT, true, address);
            case S2S -> new ListenerSpec(S2S, StreamKind.SERVER, false, address);
            default -> throw new IllegalArgumentException("unknown listener '" + name
                    + "': expected c2s, c2s-tls or s2s");
        };
    }

    /** The socket binding that configures it in WildFly: {@code xmpp-c2s} and so on. */
    public String socketBinding() {
        return "xmpp-" + name;
    }

    /** The port it uses when nothing configures one. */
    public static int defaultPort(String name) {
        return switch (name) {
            case C2S -> 5222;
            case C2S_TLS -> 5223;
            case S2S -> 5269;
            case PROXY65 -> 7777;
            default -> throw new IllegalArgumentException("unknown listener " + name);
        };
    }
}

package im.meerkat.connector.api;

/**
 * The outcome of asking the node's SOCKS5 bytestream proxy (XEP-0065 §6.3.3) to start relaying
 * between the two connections that named one destination address.
 */
public enum BytestreamActivation {
    /** Both parties were connected; the proxy now relays bytes between them. */
    ACTIVATED,
    /** No connection named that address (or the proxy already closed them). */
    NO_SUCH_STREAM,
    /** Only one party has connected so far. */
    ONE_PARTY_ONLY,
    /** The pair is relaying already. */
    ALREADY_ACTIVE,
    /** This node runs no bytestream proxy. */
    NO_PROXY
}

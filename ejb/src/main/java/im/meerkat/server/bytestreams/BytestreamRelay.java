package im.meerkat.server.bytestreams;

import im.meerkat.connector.api.BytestreamActivation;
import java.net.InetSocketAddress;
import java.util.Optional;

/** This node's SOCKS5 relay, which the resource adapter runs (XEP-0065 §6). */
public interface BytestreamRelay {

    /** Where it listens, or empty when the node runs none. */
    Optional<InetSocketAddress> address();

    /** Activates the stream whose hash is {@code destination} (§6.3.3). */
    BytestreamActivation activate(String destination);
}

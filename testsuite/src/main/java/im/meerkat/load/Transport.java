package im.meerkat.load;

import java.io.IOException;
import java.net.URI;

/**
 * {@code --transport}: how the load tools' clients reach the server. {@code tcp} (default) is
 * port 5222+offset with STARTTLS; {@code websocket} is {@code wss://host:8443+offset/ws-xmpp}
 * (RFC 7395); {@code bosh} is {@code https://host:8443+offset/http-bind} (XEP-0124, XEP-0206).
 * {@code --web-port} overrides the HTTPS port. The web transports log in with SASL PLAIN.
 */
enum Transport {
    TCP, WEBSOCKET, BOSH;

    static Transport of(Options options) {
        return valueOf(options.text("transport", "tcp").toUpperCase(java.util.Locale.ROOT));
    }

    /** Logs one user in over this transport. */
    LoadClient login(Options options, XmppClient.Target target, String localAddress, String user, String password,
            XmppClient.Mechanism mechanism, String resource) throws IOException {
        if (this == TCP) {
            return XmppClient.login(target, localAddress, user, password, mechanism, resource);
        }
        if (mechanism != XmppClient.Mechanism.PLAIN) {
            throw new IllegalArgumentException("--transport " + name().toLowerCase(java.util.Locale.ROOT)
                    + " logs in with PLAIN only");
        }
        String base = "://" + target.host() + ':' + options.number("web-port", 8443 + options.offset());
        return this == WEBSOCKET
                ? WebSocketClient.login(URI.create("wss" + base + "/ws-xmpp"), target, user, password, resource)
                : BoshClient.login(URI.create("https" + base + "/http-bind"), target, user, password, resource,
                        options.number("wait", 60));
    }
}

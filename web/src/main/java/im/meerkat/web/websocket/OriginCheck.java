package im.meerkat.web.websocket;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Refuses the WebSocket handshake (HTTP 403) of a page whose {@code Origin} is not allowed by
 * {@code meerkat.websocket.origins} (RFC 6455 §4.2.2, §10.2). The container creates this
 * configurator itself, so the settings come from CDI.
 */
public class OriginCheck extends ServerEndpointConfig.Configurator {

    private volatile AllowedOrigins origins;

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        AllowedOrigins allowed = origins;
        if (allowed == null) {
            allowed = CDI.current().select(WebSocketSettings.class).get().origins();
            origins = allowed;
        }
        return allowed.allows(originHeaderValue);
    }
}

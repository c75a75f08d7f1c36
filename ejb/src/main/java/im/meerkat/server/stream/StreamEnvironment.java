package im.meerkat.server.stream;

import im.meerkat.server.account.AccountStore;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.sasl.Credentials;
import im.meerkat.server.sasl.SaslMechanisms;
import im.meerkat.server.session.SessionManager;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The collaborators every {@link ClientStream} shares, gathered once by {@link StreamService}
 * (or by a test).
 *
 * @param streamIds new stream ids (RFC 6120 §4.7.3: unique and unpredictable)
 */
record StreamEnvironment(ServerConfig config, SaslMechanisms mechanisms, Credentials credentials,
        AccountStore accounts, SessionManager sessions, StreamScheduler scheduler,
        Supplier<String> streamIds) {

    StreamEnvironment {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(mechanisms, "mechanisms");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(streamIds, "streamIds");
    }
}

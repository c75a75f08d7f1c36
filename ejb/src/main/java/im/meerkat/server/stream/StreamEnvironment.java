package im.meerkat.server.stream;

import im.meerkat.server.account.AccountStore;
import im.meerkat.server.config.ServerConfig;
import im.meerkat.server.metrics.ServerMetrics;
import im.meerkat.server.sasl.Credentials;
import im.meerkat.server.sasl.SaslMechanisms;
import im.meerkat.server.session.SessionManager;
import im.meerkat.xmpp.xml.Element;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The collaborators every {@link ClientStream} shares, gathered once by {@link StreamService}
 * (or by a test).
 *
 * @param streamIds new stream ids (RFC 6120 §4.7.3: unique and unpredictable)
 * @param metrics where logins and authentication failures are counted
 * @param sm stream management settings (XEP-0198)
 * @param serverCaps the server's entity capabilities for its stream features (XEP-0115 §6.3)
 */
record StreamEnvironment(ServerConfig config, SaslMechanisms mechanisms, Credentials credentials,
        AccountStore accounts, SessionManager sessions, StreamScheduler scheduler,
        Supplier<String> streamIds, ServerMetrics metrics, SmSettings sm,
        Supplier<Optional<Element>> serverCaps) {

    /** Without metrics, with the default stream management settings (tests). */
    StreamEnvironment(ServerConfig config, SaslMechanisms mechanisms, Credentials credentials,
            AccountStore accounts, SessionManager sessions, StreamScheduler scheduler,
            Supplier<String> streamIds) {
        this(config, mechanisms, credentials, accounts, sessions, scheduler, streamIds, ServerMetrics.none(),
                SmSettings.defaults(), Optional::empty);
    }

    StreamEnvironment {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(mechanisms, "mechanisms");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(streamIds, "streamIds");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(sm, "sm");
        Objects.requireNonNull(serverCaps, "serverCaps");
    }
}

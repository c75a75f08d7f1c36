package im.meerkat.server.stream;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.server.sasl.SaslContext;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Stanza;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * One client stream on this node: its {@link StreamState} and what negotiation has established
 * (domain, TLS, account, bound JID). Every entry point takes the stream's own lock, since the
 * transport delivers one event at a time but a delayed SASL failure arrives on another thread.
 * Headers are checked here (RFC 6120 §4.7, §4.9.1.2); each step after the header is a class of
 * its own: {@link SaslNegotiation}, {@link Registration}, {@link BoundStream}.
 */
final class ClientStream {

    private static final XmlName PROCEED = XmlName.of(Namespaces.TLS, "proceed");
    private static final System.Logger LOG = System.getLogger(ClientStream.class.getName());

    private final StreamChannel channel;
    private final StreamTransport transport;
    private final StreamEnvironment env;
    private final SaslNegotiation sasl;
    private final Registration registration;
    private final BoundStream bound;
    private final StreamManagement management;
    private final Resumptions resumptions;
    private SessionChannel session;

    private StreamState state = StreamState.AWAIT_HEADER;
    private TransportSecurity security = TransportSecurity.NONE;
    private String domain;
    private Jid account;

    ClientStream(StreamChannel channel, StreamTransport transport, StreamEnvironment env, Resumptions resumptions) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.env = env;
        this.resumptions = resumptions;
        this.sasl = new SaslNegotiation(this, env);
        this.registration = new Registration(this, env);
        this.bound = new BoundStream(this, env);
        this.management = new StreamManagement(this, env, resumptions);
    }

    synchronized StreamState state() {
        return state;
    }

    /** A stream header from the peer: the first, or after STARTTLS or SASL success. */
    synchronized void header(StreamHeader header, TransportSecurity newSecurity) {
        if (state == StreamState.CLOSED) {
            return;
        }
        String requested = header.to() == null ? null : Jid.tryOf(header.to()).filter(Jid::isDomainOnly)
                .map(Jid::domain).orElse(null);
        boolean served = env.config().serves(requested);
        // RFC 6120 §4.9.1.2: even a stream that is refused gets our header first.
        transport.openStream(StreamHeader.response(served ? requested : defaultDomain(),
                Jid.tryOf(header.from()).map(Jid::toString).orElse(null), env.streamIds().get(),
                header.lang() == null ? "en" : header.lang()));
        if (!state.awaitsHeader()) {
            fail(StreamErrorCondition.POLICY_VIOLATION, "unexpected stream header");
        } else if (!Namespaces.CLIENT.equals(header.contentNamespace())) {
            fail(StreamErrorCondition.INVALID_NAMESPACE, "the content namespace must be jabber:client");
        } else if (!served || (domain != null && !domain.equals(requested))) {
            fail(StreamErrorCondition.HOST_UNKNOWN, "this server does not serve " + header.to());
        } else if (!isVersion1(header.version())) {
            fail(StreamErrorCondition.UNSUPPORTED_VERSION, "XMPP 1.0 is required");
        } else if (state == StreamState.TLS_NEGOTIATING && !newSecurity.encrypted()) {
            fail(StreamErrorCondition.POLICY_VIOLATION, "the stream is not encrypted after STARTTLS");
        } else {
            domain = requested;
            security = newSecurity;
            sendFeatures();
        }
    }

    private void sendFeatures() {
        if (account != null) {
            moveTo(StreamState.AWAIT_BIND);
            send(StreamFeatures.afterAuthentication(env.serverCaps().get()));
        } else if (!security.encrypted() && env.config().tlsRequired()) {
            if (transport.supportsStartTls()) {
                moveTo(StreamState.AWAIT_TLS);
                send(StreamFeatures.tlsRequired());
            } else {
                fail(StreamErrorCondition.POLICY_VIOLATION, "this server accepts only encrypted connections");
            }
        } else {
            moveTo(StreamState.AWAIT_AUTH);
            SaslContext context = saslContext();
            send(StreamFeatures.beforeAuthentication(canStartTls(), env.mechanisms().offered(context),
                    context, env.config().inBandRegistration()));
        }
    }

    /** A top-level element from the peer. */
    synchronized void element(Element element) {
        switch (state) {
            case CLOSED -> { }
            case AWAIT_TLS -> {
                if (element.is(StreamFeatures.STARTTLS)) {
                    startTls();
                } else if (SaslNegotiation.handles(element)) {
                    sasl.refuseBeforeTls();
                } else {
                    fail(StreamErrorCondition.NOT_AUTHORIZED, "TLS must be negotiated first");
                }
            }
            case AWAIT_AUTH, AUTHENTICATING, AUTH_BACKOFF -> {
                if (state == StreamState.AWAIT_AUTH && element.is(StreamFeatures.STARTTLS) && canStartTls()) {
                    startTls();
                } else if (SaslNegotiation.handles(element)) {
                    sasl.handle(element);
                } else if (state == StreamState.AWAIT_AUTH && Registration.handles(element)) {
                    registration.handle(element);
                } else {
                    fail(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first");
                }
            }
            case AWAIT_BIND, BOUND -> {
                if (StreamManagement.handles(element)) {
                    management.handle(element);
                } else {
                    bound.handle(element);
                    if (session != null && Stanza.isStanza(element)) {
                        session.handled(); // XEP-0198 §4: every stanza received counts
                    }
                }
            }
            default -> fail(StreamErrorCondition.NOT_AUTHORIZED, "no element expected before the stream header");
        }
    }

    /** The peer closed its stream ({@code </stream:stream>}): close ours (RFC 6120 §4.4). */
    synchronized void peerClosed() {
        if (state != StreamState.CLOSED) {
            close(null);
        }
    }

    /** The server ends the stream with an error of its choosing (RFC 6120 §4.9). */
    synchronized void end(StreamError error) {
        if (state != StreamState.CLOSED) {
            close(error);
        }
    }

    /**
     * The connection is gone: nothing can be sent any more. A session with resumption enabled
     * stays bound and waits for a resumption (XEP-0198 §5); any other ends.
     */
    synchronized void gone() {
        if (state != StreamState.CLOSED) {
            boolean wasBound = state == StreamState.BOUND;
            moveTo(StreamState.CLOSED);
            if (wasBound) {
                waitOrEnd(session.detach(channel.id()));
            }
        }
    }

    /**
     * The server sends the client elsewhere ({@code <see-other-host/>} or
     * {@code <system-shutdown/>} while this node drains or leaves its cluster). A session with
     * resumption enabled does not end with the stream: it waits for a resumption as after a lost
     * connection (XEP-0198 §5), so that the client can take it, unacknowledged stanzas and all,
     * to the node it reconnects to; any other session ends.
     *
     * @return the session left waiting for a resumption, or null
     */
    synchronized SessionChannel moveAway(StreamError error) {
        if (state == StreamState.CLOSED) {
            return null;
        }
        boolean wasBound = state == StreamState.BOUND;
        moveTo(StreamState.CLOSED);
        // Detached first, so that what is routed to the session from now on waits in its queue
        SessionChannel.Detach detach = wasBound ? session.detach(channel.id())
                : SessionChannel.Detach.NOT_ATTACHED;
        channel.close(error);
        return waitOrEnd(detach);
    }

    /**
     * After the session was detached from this stream: a resumable one waits for its client
     * until its timeout, any other ends.
     *
     * @return the session left waiting, or null
     */
    private SessionChannel waitOrEnd(SessionChannel.Detach detach) {
        switch (detach) {
            case DETACHED -> {
                resumptions.detached(session);
                return session;
            }
            case END -> session.end();
            case NOT_ATTACHED -> { }
        }
        return null;
    }

    /** The session of this stream was resumed on another connection: this one closes (XEP-0198 §5). */
    synchronized void superseded() {
        if (state != StreamState.CLOSED) {
            moveTo(StreamState.CLOSED);
            channel.close(StreamError.of(StreamErrorCondition.CONFLICT, "the session was resumed on another stream"));
        }
    }

    private void startTls() {
        moveTo(StreamState.TLS_NEGOTIATING);
        send(Element.empty(PROCEED));
        transport.startTls();
    }

    private boolean canStartTls() {
        return !security.encrypted() && transport.supportsStartTls();
    }

    // ---- for the negotiation steps of this package ----

    StreamChannel channel() {
        return channel;
    }

    StreamTransport transport() {
        return transport;
    }

    String domain() {
        return domain;
    }

    Jid account() {
        return account;
    }

    SaslContext saslContext() {
        return new SaslContext(domain, security, env.credentials());
    }

    void moveTo(StreamState target) {
        if (!state.canMoveTo(target)) {
            throw new IllegalStateException("stream " + channel.id() + " cannot go from " + state + " to " + target);
        }
        state = target;
    }

    void authenticated(Jid bareJid) {
        account = bareJid;
        moveTo(StreamState.AUTHENTICATED);
    }

    /** Writes to the client: stanzas of a bound stream through the session, which counts them. */
    void send(Element element) {
        if (session != null && state == StreamState.BOUND && Stanza.isStanza(element)) {
            session.send(element);
        } else {
            channel.send(element);
        }
    }

    SessionChannel session() {
        return session;
    }

    /** A resource was bound on this stream for {@code newSession}. */
    void bound(SessionChannel newSession, Jid fullJid) {
        session = newSession;
        newSession.bound(fullJid, () -> resumptions.overflowed(newSession));
        moveTo(StreamState.BOUND);
        management.bound(newSession);
    }

    /** A session was resumed on this stream (XEP-0198 §5) in place of binding. */
    void resumed(SessionChannel resumedSession) {
        session = resumedSession;
        bound.resumed(resumedSession.jid());
        moveTo(StreamState.BOUND);
    }

    Resumptions resumptions() {
        return resumptions;
    }

    /** Ends the stream with a stream error (RFC 6120 §4.9). */
    void fail(StreamErrorCondition condition, String text) {
        LOG.log(Level.DEBUG, "stream {0}: {1} ({2})", channel.id(), condition.elementName(), text);
        close(StreamError.of(condition, text));
    }

    /**
     * Closes the stream, with an error or cleanly, and ends the session if one is bound; a closed
     * stream is never resumed (XEP-0198 §5), its unacknowledged stanzas are handled as undelivered.
     */
    void close(StreamError error) {
        boolean wasBound = state == StreamState.BOUND;
        moveTo(StreamState.CLOSED);
        channel.close(error);
        if (wasBound) {
            session.end();
        }
    }

    private String defaultDomain() {
        return env.config().domains().stream().sorted().findFirst().orElse("localhost");
    }

    /** RFC 6120 §4.7.5: major version 1; a higher minor version is answered with 1.0. */
    private static boolean isVersion1(String version) {
        return version != null && version.matches("0*1\\.[0-9]+");
    }
}

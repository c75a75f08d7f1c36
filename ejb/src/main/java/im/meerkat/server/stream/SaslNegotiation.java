package im.meerkat.server.stream;

import im.meerkat.server.sasl.SaslExchange;
import im.meerkat.server.sasl.SaslFailure;
import im.meerkat.server.sasl.SaslMechanism;
import im.meerkat.server.sasl.SaslStep;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The SASL step of a client stream (RFC 6120 §6.4): {@code <auth/>}, {@code <response/>} and
 * {@code <abort/>} in, {@code <challenge/>}, {@code <success/>} and {@code <failure/>} out.
 *
 * <p>Failures slow a guessing client down: the n-th failure on a stream is sent after
 * {@link #DELAYS}[n-1] (scheduled, no thread waits), and the {@value #MAX_FAILURES}th ends the
 * stream with {@code <policy-violation/>}. An abort is no failure.
 */
final class SaslNegotiation {

    /** Failures after which the stream is closed. */
    static final int MAX_FAILURES = 5;
    /** Delay before the n-th failure (n = 1..4) is sent. */
    static final List<Duration> DELAYS = List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4));

    private static final System.Logger LOG = System.getLogger(SaslNegotiation.class.getName());
    private static final XmlName AUTH = XmlName.of(Namespaces.SASL, "auth");
    private static final XmlName RESPONSE = XmlName.of(Namespaces.SASL, "response");
    private static final XmlName ABORT = XmlName.of(Namespaces.SASL, "abort");
    private static final XmlName CHALLENGE = XmlName.of(Namespaces.SASL, "challenge");
    private static final XmlName SUCCESS = XmlName.of(Namespaces.SASL, "success");

    private final ClientStream stream;
    private final StreamEnvironment env;
    private SaslExchange exchange;
    private String mechanismName;
    private int failures;

    SaslNegotiation(ClientStream stream, StreamEnvironment env) {
        this.stream = stream;
        this.env = env;
    }

    static boolean handles(Element element) {
        return element.namespace().equals(Namespaces.SASL);
    }

    /** {@code <auth/>} while TLS is required and not yet there (RFC 6120 §6.5.4). */
    void refuseBeforeTls() {
        stream.send(SaslFailure.ENCRYPTION_REQUIRED.toElement(null));
    }

    void handle(Element element) {
        StreamState state = stream.state();
        if (state == StreamState.AUTH_BACKOFF) {
            stream.fail(StreamErrorCondition.POLICY_VIOLATION, "wait for the SASL failure before trying again");
        } else if (element.is(AUTH) && state == StreamState.AWAIT_AUTH) {
            auth(element);
        } else if (element.is(RESPONSE) && state == StreamState.AUTHENTICATING) {
            decode(element).ifPresentOrElse(this::evaluate, () -> fail(SaslFailure.INCORRECT_ENCODING, "bad base64"));
        } else if (element.is(ABORT) && state == StreamState.AUTHENTICATING) {
            exchange = null;
            stream.moveTo(StreamState.AWAIT_AUTH);
            stream.send(SaslFailure.ABORTED.toElement(null));
        } else {
            stream.fail(StreamErrorCondition.POLICY_VIOLATION, "unexpected " + element.localName() + " in " + state);
        }
    }

    private void auth(Element element) {
        String name = element.attribute("mechanism");
        Optional<SaslMechanism> mechanism = name == null ? Optional.empty()
                : env.mechanisms().find(name, stream.saslContext());
        mechanismName = mechanism.map(SaslMechanism::name).orElse(null);
        if (mechanism.isEmpty()) {
            fail(SaslFailure.INVALID_MECHANISM, "mechanism " + name + " is not offered");
            return;
        }
        exchange = mechanism.get().start(stream.saslContext());
        stream.moveTo(StreamState.AUTHENTICATING);
        if (element.text().isEmpty()) {
            // No initial response (RFC 6120 §6.4.2): an empty challenge asks for it.
            stream.send(Element.empty(CHALLENGE));
        } else {
            decode(element).ifPresentOrElse(this::evaluate, () -> fail(SaslFailure.INCORRECT_ENCODING, "bad base64"));
        }
    }

    private void evaluate(byte[] response) {
        SaslStep step = exchange.evaluate(response);
        if (step instanceof SaslStep.Challenge c) {
            stream.send(withData(CHALLENGE, c.data()));
        } else if (step instanceof SaslStep.Success s) {
            exchange = null;
            env.metrics().login(mechanismName);
            // The transport must expect a new stream before the peer can see <success/>.
            stream.transport().restart();
            stream.authenticated(s.account());
            stream.send(withData(SUCCESS, s.additionalData()));
        } else if (step instanceof SaslStep.Failure f) {
            fail(f.condition(), f.reason());
        }
    }

    private void fail(SaslFailure condition, String reason) {
        exchange = null;
        env.metrics().authFailure(mechanismName);
        mechanismName = null;
        failures++;
        LOG.log(Level.DEBUG, "stream {0}: SASL failure {1} of {2}: {3}", stream.channel().id(), failures,
                MAX_FAILURES, reason);
        Element failure = condition.toElement(null);
        if (failures >= MAX_FAILURES) {
            stream.send(failure);
            stream.close(StreamError.of(StreamErrorCondition.POLICY_VIOLATION, "too many authentication failures"));
            return;
        }
        Duration delay = DELAYS.get(Math.min(failures, DELAYS.size()) - 1);
        if (delay.isZero()) {
            stream.moveTo(StreamState.AWAIT_AUTH);
            stream.send(failure);
        } else {
            stream.moveTo(StreamState.AUTH_BACKOFF);
            env.scheduler().schedule(() -> sendDelayed(failure), delay);
        }
    }

    private void sendDelayed(Element failure) {
        synchronized (stream) {
            if (stream.state() == StreamState.AUTH_BACKOFF) {
                stream.moveTo(StreamState.AWAIT_AUTH);
                stream.send(failure);
            }
        }
    }

    /** RFC 6120 §6.4.2: "=" stands for an empty response, no text for none. */
    private static Optional<byte[]> decode(Element element) {
        String text = element.text().trim();
        if (text.equals("=")) {
            return Optional.of(new byte[0]);
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(strictBase64(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String strictBase64(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=' || Character.isWhitespace(c);
            if (!ok) {
                throw new IllegalArgumentException("not base64");
            }
        }
        return text;
    }

    private static Element withData(XmlName name, byte[] data) {
        return data == null || data.length == 0 ? Element.empty(name)
                : Element.builder(name).text(Base64.getEncoder().encodeToString(data)).build();
    }
}

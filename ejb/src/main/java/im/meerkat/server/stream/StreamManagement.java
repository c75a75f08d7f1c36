package im.meerkat.server.stream;

import im.meerkat.server.session.SessionRecord;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.error.StreamErrorCondition;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import im.meerkat.xmpp.xml.XmlName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The nonzas of stream management (XEP-0198, {@code urn:xmpp:sm:3}) and client state indication
 * (XEP-0352, {@code urn:xmpp:csi:0}) on an authenticated stream: enabling (§3), acknowledgements
 * (§4), resumption in place of binding (§5), and the client's active and inactive states. The
 * state they change lives in the session's {@link SessionChannel}, so that it survives a
 * resumption.
 */
final class StreamManagement {

    static final String SM = "urn:xmpp:sm:3";
    static final String CSI = "urn:xmpp:csi:0";
    static final XmlName FEATURE = XmlName.of(SM, "sm");
    static final XmlName CSI_FEATURE = XmlName.of(CSI, "csi");
    static final XmlName R = XmlName.of(SM, "r");
    static final XmlName A = XmlName.of(SM, "a");
    private static final XmlName ENABLED = XmlName.of(SM, "enabled");
    private static final XmlName RESUMED = XmlName.of(SM, "resumed");
    private static final XmlName FAILED = XmlName.of(SM, "failed");
    private static final XmlName TOO_HIGH = XmlName.of(SM, "handled-count-too-high");

    private final ClientStream stream;
    private final StreamEnvironment env;
    private final Resumptions resumptions;
    private boolean inactiveBeforeBind;

    StreamManagement(ClientStream stream, StreamEnvironment env, Resumptions resumptions) {
        this.stream = stream;
        this.env = env;
        this.resumptions = resumptions;
    }

    /** Whether the element is a nonza of XEP-0198 or XEP-0352. */
    static boolean handles(Element element) {
        return element.namespace().equals(SM) || element.namespace().equals(CSI);
    }

    /** A nonza on a stream that is authenticated (binding or bound). */
    void handle(Element element) {
        SessionChannel session = stream.session();
        if (element.namespace().equals(CSI)) {
            clientState(element, session);
            return;
        }
        switch (element.localName()) {
            case "enable" -> enable(element, session);
            case "resume" -> resume(element, session);
            case "r" -> {
                if (session != null && session.enabled()) {
                    stream.send(Element.builder(A).attribute("h", Long.toString(session.handledCount())).build());
                } else {
                    failed("unexpected-request");
                }
            }
            case "a" -> acknowledged(element, session);
            default -> stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unknown element " + element.name());
        }
    }

    /** What the client said before binding: applied to the session once bound. */
    void bound(SessionChannel session) {
        if (inactiveBeforeBind) {
            session.inactive();
        }
    }

    /** XEP-0352 §3, §5: active and inactive; the state is kept before binding too. */
    private void clientState(Element element, SessionChannel session) {
        switch (element.localName()) {
            case "inactive" -> {
                if (session == null) {
                    inactiveBeforeBind = true;
                } else {
                    session.inactive();
                }
            }
            case "active" -> {
                if (session == null) {
                    inactiveBeforeBind = false;
                } else {
                    session.active();
                }
            }
            default -> stream.fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unknown element " + element.name());
        }
    }

    /**
     * XEP-0198 §3: only after binding and only once; resumption when asked for and allowed, with
     * the lesser of the client's {@code max} and the server's timeout. BOSH sessions outlive
     * their HTTP requests by their own means and are not resumable.
     */
    private void enable(Element element, SessionChannel session) {
        if (stream.state() != StreamState.BOUND || session.enabled()) {
            failed("unexpected-request");
            return;
        }
        boolean resume = isTrue(element.attribute("resume"))
                && env.sm().resumption() && !"bosh".equals(stream.channel().transport());
        if (!resume) {
            session.enable(null, null);
            stream.send(Element.empty(ENABLED));
            return;
        }
        Duration timeout = env.sm().resumeTimeout();
        Optional<Long> max = seconds(element.attribute("max"));
        if (max.isPresent() && max.get() > 0 && max.get() < timeout.toSeconds()) {
            timeout = Duration.ofSeconds(max.get());
        }
        String id = resumptions.register(session);
        session.enable(id, timeout);
        stream.send(Element.builder(ENABLED).attribute("id", id).attribute("resume", "true")
                .attribute("max", Long.toString(timeout.toSeconds())).build());
    }

    /**
     * XEP-0198 §5: in place of binding, on a stream authenticated as the same account. An unknown,
     * expired or foreign id fails and changes nothing; the client may bind instead.
     */
    private void resume(Element element, SessionChannel current) {
        if (stream.state() != StreamState.AWAIT_BIND || current != null) {
            failed("unexpected-request");
            return;
        }
        Optional<SessionChannel> found = resumptions.find(element.attribute("previd"))
                .filter(s -> s.jid() != null && s.jid().bare().equals(stream.account().bare()))
                .filter(s -> !s.ended());
        if (found.isEmpty()) {
            resumeElsewhere(element);
            return;
        }
        long h;
        try {
            h = UnackedQueue.parse(element.attribute("h"));
        } catch (IllegalArgumentException e) {
            failed("bad-request");
            return;
        }
        SessionChannel session = found.get();
        Element resumed = resumed(element.attribute("previd"), session.handledCount());
        StreamChannel old;
        try {
            old = session.resume(stream.channel(), h, resumed);
        } catch (UnackedQueue.HandledCountTooHigh e) {
            tooHigh(e);
            return;
        }
        stream.resumed(session);
        resumptions.resumed(old);
    }

    /**
     * XEP-0198 §5 in a cluster: a session of the account on another node may be the one the id
     * names; that node hands it over (docs/CLUSTER.md). Without one, {@code <item-not-found/>}.
     */
    private void resumeElsewhere(Element element) {
        String previd = element.attribute("previd");
        Optional<ClusterResumption> cluster = resumptions.cluster();
        List<SessionRecord> candidates = previd == null || cluster.isEmpty() ? List.of()
                : cluster.get().candidates(stream.account());
        if (candidates.isEmpty()) {
            failed("item-not-found");
            return;
        }
        long h;
        try {
            h = UnackedQueue.parse(element.attribute("h"));
        } catch (IllegalArgumentException e) {
            failed("bad-request");
            return;
        }
        try {
            if (!cluster.get().resume(stream, previd, h, candidates)) {
                failed("item-not-found");
            }
        } catch (UnackedQueue.HandledCountTooHigh e) {
            tooHigh(e);
        }
    }

    static Element resumed(String previd, long handled) {
        return Element.builder(RESUMED).attribute("previd", previd)
                .attribute("h", Long.toString(handled)).build();
    }

    /** XEP-0198 §4: the client's acknowledgement; one of more than was sent ends the stream. */
    private void acknowledged(Element element, SessionChannel session) {
        if (session == null || !session.enabled()) {
            return; // nothing was counted: there is nothing to acknowledge
        }
        try {
            session.acknowledge(UnackedQueue.parse(element.attribute("h")));
        } catch (IllegalArgumentException e) {
            stream.fail(StreamErrorCondition.BAD_FORMAT, e.getMessage());
        } catch (UnackedQueue.HandledCountTooHigh e) {
            tooHigh(e);
        }
    }

    /** XEP-0198 §4: {@code <undefined-condition/>} with {@code <handled-count-too-high/>}. */
    private void tooHigh(UnackedQueue.HandledCountTooHigh e) {
        stream.close(StreamError.of(StreamErrorCondition.UNDEFINED_CONDITION, e.getMessage())
                .withApplication(Element.builder(TOO_HIGH).attribute("h", Long.toString(e.h()))
                        .attribute("send-count", Long.toString(e.sent())).build()));
    }

    /** {@code <failed/>} with a stanza error condition (XEP-0198 §3, §5); the stream goes on. */
    private void failed(String condition) {
        stream.send(Element.builder(FAILED).child(XmlName.of(Namespaces.STANZA_ERRORS, condition)).build());
    }

    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static Optional<Long> seconds(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

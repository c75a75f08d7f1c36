package im.meerkat.web.bosh;

import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.server.stream.ChannelId;
import im.meerkat.server.stream.StreamChannel;
import im.meerkat.server.stream.StreamService;
import im.meerkat.server.stream.StreamTransport;
import im.meerkat.web.bosh.RequestOrder.Waiting;
import im.meerkat.xmpp.error.StreamError;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.Namespaces;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One BOSH session (XEP-0124) and the XMPP stream inside it (XEP-0206), as the stream service
 * sees a connection. Requests are processed strictly in {@code rid} order: an early one waits
 * for the gap before it (§14.2), a repeated one gets its cached answer (§14.3). Processed
 * requests are held until there is something to send, until {@code wait} runs out, or until more
 * than {@code hold} are held; the oldest is answered first (§7.3, §8). With no request held for
 * {@code inactivity} (or the client's {@code pause}, §10) the session ends.
 *
 * <p>Locks: {@code inbound} orders calls into the stream service; the session's own monitor
 * guards the queues and is never held while calling the service, so the service may call
 * {@link #send} and {@link #close} from any thread. Answers are written asynchronously.
 */
public final class BoshSession implements StreamChannel, StreamTransport {

    private final String sid;
    private final ChannelId id;
    private final InetSocketAddress remote;
    private final boolean secure;
    private final BoshParams params;
    private final StreamService service;
    private final Timers timers;
    private final Runnable ended;
    private final Object inbound = new Object();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final BoshRequest creation;

    private final RequestOrder order;
    private final Deque<Held> held = new ArrayDeque<>();
    private final List<Element> outbound = new ArrayList<>();
    private StreamHeader response;
    private long releaseThrough = -1;
    private boolean ending;
    private BoshCondition endCondition;
    private String finalBody;
    private boolean terminateSent;
    private Timers.Timer inactivity;
    private Duration pause;

    BoshSession(String sid, ChannelId id, InetSocketAddress remote, boolean secure, BoshRequest creation,
            BoshParams params, StreamService service, Timers timers, Runnable ended) {
        this.sid = sid;
        this.id = id;
        this.remote = remote;
        this.secure = secure;
        this.creation = creation;
        this.params = params;
        this.service = service;
        this.timers = timers;
        this.ended = ended;
        this.order = new RequestOrder(creation.rid(), params);
    }

    String sid() {
        return sid;
    }

    /** The creation request (§7.1): the stream opens, and its features answer the request. */
    void start(Exchange exchange) {
        service.opened(this, this);
        synchronized (inbound) {
            synchronized (this) {
                hold(creation.rid(), exchange);
            }
            service.header(id, header(creation), TransportSecurity.external(secure));
        }
        flush();
    }

    /** A later request of this session, in whatever order it arrived. */
    void handle(BoshRequest request, Exchange exchange) {
        List<Waiting> ready = List.of();
        synchronized (inbound) {
            synchronized (this) {
                ready = admit(request, exchange);
            }
            for (Waiting w : ready) {
                process(w.request(), w.exchange());
            }
        }
        flush();
    }

    /** Acts on the decision about one request; returns what can be processed now. */
    private List<Waiting> admit(BoshRequest request, Exchange exchange) {
        if (ending) {
            exchange.respond(finalBody != null ? finalBody : BoshBodies.terminate(BoshCondition.ITEM_NOT_FOUND, List.of()));
            finalBody = null;
            terminateSent = true;
            ended.run();
            return List.of();
        }
        cancelInactivity();
        boolean heldHasRid = held.stream().anyMatch(h -> h.rid == request.rid());
        RequestOrder.Admission admission = order.admit(request, exchange, held.size(), heldHasRid);
        if (admission instanceof RequestOrder.Process p) {
            return p.ready();
        }
        if (admission instanceof RequestOrder.Resend r) {
            exchange.respond(r.body());
        } else if (admission instanceof RequestOrder.Retry) {
            held.stream().filter(h -> h.rid == request.rid()).forEach(h -> h.exchange = exchange);
        } else if (admission instanceof RequestOrder.Refuse r) {
            fail(r.condition(), exchange);
        }
        return List.of();
    }

    /** One in-order request: hold it, then hand its content to the stream. */
    private void process(BoshRequest request, Exchange exchange) {
        synchronized (this) {
            if (ending) {
                exchange.respond(BoshBodies.terminate(endCondition, List.of()));
                return;
            }
            hold(request.rid(), exchange);
            if (request.pause() != null) {
                if (request.pause() > params.maxPause().toSeconds()) {
                    endAndReportLater(BoshCondition.POLICY_VIOLATION);
                    return;
                }
                pause = Duration.ofSeconds(request.pause());
                releaseThrough = Long.MAX_VALUE; // §10: answer every held request now
            }
        }
        if (request.restart()) {
            service.header(id, header(request), TransportSecurity.external(secure));
        }
        for (Element element : request.payload()) {
            service.element(id, element);
        }
        if (request.terminate()) {
            service.peerClosed(id);
            synchronized (this) {
                if (!ending) {
                    end(null); // the stream had already ended
                }
            }
            reportClosed();
        }
    }

    private StreamHeader header(BoshRequest request) {
        String to = request.to() != null ? request.to() : creation.to();
        String version = request.version() != null ? request.version() : creation.version();
        String lang = request.lang() != null ? request.lang() : creation.lang();
        return new StreamHeader(to, null, null, version, lang, Namespaces.CLIENT, Map.of());
    }

    private void hold(long rid, Exchange exchange) {
        Held h = new Held(rid, exchange);
        h.timer = timers.schedule(() -> expire(rid), params.waitTime());
        held.add(h);
    }

    /** {@code wait} ran out for {@code rid}: it and every older held request are answered. */
    private void expire(long rid) {
        synchronized (this) {
            releaseThrough = Math.max(releaseThrough, rid);
        }
        flush();
    }

    /** Answers what can be answered, outside the lock. */
    private void flush() {
        List<Runnable> answers = new ArrayList<>();
        synchronized (this) {
            collect(answers);
        }
        answers.forEach(Runnable::run);
    }

    private void collect(List<Runnable> answers) {
        boolean first = true;
        while (!held.isEmpty() && (ending || !outbound.isEmpty() || held.size() > params.hold()
                || held.peek().rid <= releaseThrough)) {
            Held h = held.poll();
            h.timer.cancel();
            String body;
            if (ending) {
                body = BoshBodies.terminate(endCondition, first ? List.copyOf(outbound) : List.of());
            } else if (h.rid == creation.rid()) {
                body = BoshBodies.creation(sid, params, creation, response, List.copyOf(outbound));
            } else {
                body = BoshBodies.payload(List.copyOf(outbound));
            }
            outbound.clear();
            first = false;
            order.answered(h.rid, body);
            Exchange exchange = h.exchange;
            answers.add(() -> exchange.respond(body));
        }
        if (held.isEmpty()) {
            releaseThrough = -1;
        }
        if (ending) {
            if (!answers.isEmpty()) {
                terminateSent = true;
                ended.run();
            } else if (!terminateSent && finalBody == null) {
                finalBody = BoshBodies.terminate(endCondition, List.copyOf(outbound));
                outbound.clear();
            }
            for (Waiting w : order.drainEarly()) {
                answers.add(() -> w.exchange().respond(BoshBodies.terminate(endCondition, List.of())));
            }
        }
        if (held.isEmpty() && inactivity == null) {
            Duration idle = pause != null ? pause : params.inactivity();
            pause = null;
            Timers.Timer[] timer = new Timers.Timer[1];
            timer[0] = timers.schedule(() -> inactive(timer[0]), idle);
            inactivity = timer[0];
        }
    }

    private void inactive(Timers.Timer timer) {
        synchronized (this) {
            if (inactivity != timer || !held.isEmpty()) {
                return;
            }
            inactivity = null;
            if (!ending) {
                ending = true;
                endCondition = BoshCondition.UNDEFINED_CONDITION;
            }
            finalBody = null;
            ended.run();
        }
        reportClosed();
    }

    private void cancelInactivity() {
        if (inactivity != null) {
            inactivity.cancel();
            inactivity = null;
        }
    }

    /** A terminal condition for this request and the session (§17). */
    private void fail(BoshCondition condition, Exchange exchange) {
        exchange.respond(BoshBodies.terminate(condition, List.of()));
        endAndReportLater(condition);
    }

    /** Ends the session; held requests get the terminate body, the first with what is queued. */
    private void end(BoshCondition condition) {
        if (ending) {
            return;
        }
        ending = true;
        endCondition = condition;
        if (held.isEmpty()) {
            cancelInactivity();
            // kept for the client's next request, or dropped when inactivity runs out
            Timers.Timer[] timer = new Timers.Timer[1];
            timer[0] = timers.schedule(() -> inactive(timer[0]), params.inactivity());
            inactivity = timer[0];
        }
    }

    /**
     * Ends the session from under the lock, where the stream service must not be called (it
     * calls this session under its own lock): the service learns of it on another thread.
     */
    private void endAndReportLater(BoshCondition condition) {
        if (!ending) {
            end(condition);
            timers.schedule(this::reportClosed, Duration.ZERO);
        }
    }

    /** Tells the stream service, once, that this connection is gone. Never under the lock. */
    private void reportClosed() {
        if (reported.compareAndSet(false, true)) {
            service.closed(id);
        }
    }

    @Override
    public ChannelId id() {
        return id;
    }

    @Override
    public String transport() {
        return "bosh";
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public boolean send(Element element) {
        synchronized (this) {
            if (ending) {
                return false;
            }
            if (outbound.size() >= params.maxQueued()) {
                outbound.clear();
                endAndReportLater(BoshCondition.POLICY_VIOLATION); // the client does not fetch what it is sent
                return false;
            }
            outbound.add(element);
        }
        flush();
        return true;
    }

    /** XEP-0206 §7: a stream error ends the session with {@code remote-stream-error}. */
    @Override
    public void close(StreamError error) {
        synchronized (this) {
            if (ending) {
                return;
            }
            if (error != null) {
                outbound.add(error.toElement());
            }
            end(error == null ? null : BoshCondition.REMOTE_STREAM_ERROR);
        }
        flush();
        // The service closed the stream itself, on this thread: telling it now needs no other lock.
        reportClosed();
    }

    @Override
    public synchronized void openStream(StreamHeader header) {
        if (response == null) {
            response = header; // its id and from go into the creation answer
        }
    }

    @Override
    public boolean supportsStartTls() {
        return false;
    }

    @Override
    public void startTls() {
        throw new UnsupportedOperationException("XEP-0206: no STARTTLS inside BOSH");
    }

    @Override
    public void restart() {
        // XEP-0206 §5: the client restarts with xmpp:restart='true'.
    }

    synchronized int heldCount() {
        return held.size();
    }

    @Override
    public String toString() {
        return "bosh " + id + (secure ? " (https)" : " (http)");
    }

    private static final class Held {
        final long rid;
        Exchange exchange;
        Timers.Timer timer;

        Held(long rid, Exchange exchange) {
            this.rid = rid;
            this.exchange = exchange;
        }
    }
}

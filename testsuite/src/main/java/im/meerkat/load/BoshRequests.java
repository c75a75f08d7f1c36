package im.meerkat.load;

import im.meerkat.xmpp.error.StreamErrorException;
import im.meerkat.xmpp.stream.ParserLimits;
import im.meerkat.xmpp.stream.XmlDocumentParser;
import im.meerkat.xmpp.xml.Element;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request side of a BOSH session (XEP-0124 §§9-11, XEP-0206) on {@code java.net.http}, as
 * browsers' libraries work: one request always held at the server (the long poll), another for
 * anything to send, at most {@code requests} open at once (§11), and the answers read in
 * {@code rid} order whatever order they arrive in (§9.1). Queued payloads without attributes
 * share a request; one with attributes (a restart) gets a request of its own.
 *
 * <p>Shared by the load tool's {@link BoshClient} and the test suite's BOSH client, which each
 * create the session (§7.1) in their own way, then hand over with {@link #started}. Requests
 * are sent and answered on the HTTP client's threads; the {@link Receiver} is called in
 * {@code rid} order, under this object's lock.
 */
public final class BoshRequests {

    public static final String HTTPBIND = "http://jabber.org/protocol/httpbind";

    /** Where the answers go. */
    public interface Receiver {

        /** A child of an answer's {@code <body/>}: a stanza or a stream-level element. */
        void received(Element child);

        /**
         * The session is over: {@code why} is the server's {@code <body type='terminate'/>}, or
         * an {@code <http-failure rid='...' detail='...'/>} in the httpbind namespace for a
         * request that failed, was not answered 200 or not with XML. Nothing is sent after it.
         */
        void ended(Element why);
    }

    private final HttpClient http;
    private final List<URI> endpoints;
    private final Duration timeout;
    private final Receiver receiver;
    private final Deque<String[]> pending = new ArrayDeque<>();
    private final TreeMap<Long, Element> answers = new TreeMap<>();
    private long rid = ThreadLocalRandom.current().nextLong(1, 1L << 40);
    private long nextAnswer;
    private int outstanding;
    private int requests = 1;
    private String sid;
    private boolean ended;

    /**
     * Requests go to the endpoints in turn by {@code rid} (the nodes of a cluster behind a
     * balancer without stickiness); one endpoint is the usual case.
     *
     * @param timeout of each request: above the session's {@code wait}
     */
    public BoshRequests(HttpClient http, Duration timeout, Receiver receiver, URI... endpoints) {
        if (endpoints.length == 0) {
            throw new IllegalArgumentException("no endpoint");
        }
        this.http = http;
        this.timeout = timeout;
        this.receiver = receiver;
        this.endpoints = List.of(endpoints);
    }

    /** A {@code <body/>} with these attributes (besides the namespaces) around the payload. */
    public static String body(String attributes, String payload) {
        return "<body xmlns='" + HTTPBIND + "' xmlns:xmpp='urn:xmpp:xbosh' " + attributes
                + (payload.isEmpty() ? "/>" : ">" + payload + "</body>");
    }

    /** A POST of this body to the endpoint that the rid chooses. */
    public HttpRequest post(long requestRid, String body) {
        return HttpRequest.newBuilder(endpoints.get((int) Math.floorMod(requestRid,
                        (long) endpoints.size())))
                .timeout(timeout)
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The rid the next request will carry. */
    public synchronized long nextRid() {
        return rid;
    }

    /** Takes the next rid for a request the caller sends itself (the creation, a terminate). */
    public synchronized long takeRid() {
        return rid++;
    }

    /**
     * The session was created: its sid and how many requests may be open (the creation
     * answer's {@code requests}). Answers are read in order from the next rid on. Nothing is sent
     * until {@link #send} or {@link #poll}.
     */
    public synchronized void started(String sessionId, int maxRequests) {
        this.sid = sessionId;
        this.requests = maxRequests;
        this.nextAnswer = rid;
    }

    public synchronized String sid() {
        return sid;
    }

    /** Queues a payload, with attributes for its request or {@code ""}, and sends what it can. */
    public synchronized void send(String attributes, String payload) {
        pending.add(new String[] {attributes, payload});
        pump();
    }

    /** Opens the long poll if no request is open. */
    public synchronized void poll() {
        pump();
    }

    /**
     * Stops sending and returns the rid for the caller's own terminate request, or -1 when the
     * session never started or has ended.
     */
    public synchronized long terminate() {
        if (ended || sid == null) {
            ended = true;
            return -1;
        }
        ended = true;
        return rid++;
    }

    /** Sends what is queued while fewer than {@code requests} are open; one is always open. */
    private void pump() {
        while (!ended && sid != null && outstanding < requests
                && (!pending.isEmpty() || outstanding == 0)) {
            String attributes = "";
            StringBuilder payload = new StringBuilder();
            if (!pending.isEmpty() && !pending.peek()[0].isEmpty()) {
                String[] first = pending.poll();
                attributes = first[0];
                payload.append(first[1]);
            } else {
                while (!pending.isEmpty() && pending.peek()[0].isEmpty()) {
                    payload.append(pending.poll()[1]);
                }
            }
            long r = rid++;
            outstanding++;
            http.sendAsync(post(r, body("rid='" + r + "' sid='" + sid + "' " + attributes,
                            payload.toString())), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> answered(r, response, failure));
        }
    }

    private synchronized void answered(long r, HttpResponse<String> response, Throwable failure) {
        outstanding--;
        answers.put(r, read(r, response, failure));
        for (Map.Entry<Long, Element> e = answers.firstEntry();
                e != null && e.getKey() == nextAnswer; e = answers.firstEntry()) {
            answers.pollFirstEntry();
            nextAnswer++;
            Element body = e.getValue();
            if (body.localName().equals("http-failure")
                    || "terminate".equals(body.attribute("type"))) {
                ended = true;
                answers.clear();
                receiver.ended(body);
                return;
            }
            body.elements().forEach(receiver::received);
        }
        pump();
    }

    private static Element read(long r, HttpResponse<String> response, Throwable failure) {
        String detail;
        if (failure != null) {
            detail = failure.toString();
        } else if (response.statusCode() != 200) {
            detail = response.statusCode() + " " + response.body();
        } else {
            try {
                return new XmlDocumentParser(ParserLimits.DEFAULT).parse(response.body());
            } catch (StreamErrorException e) {
                detail = "not XML: " + e.getMessage();
            }
        }
        return Element.builder(HTTPBIND, "http-failure").attribute("rid", Long.toString(r))
                .attribute("detail", detail).build();
    }
}

package im.meerkat.testsuite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.xmpp.xml.Element;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A BOSH client (XEP-0124, XEP-0206) on {@code java.net.http}, written as browsers' libraries
 * work: one request always held at the server, a new request for anything to send, and the
 * answers read in {@code rid} order whatever order they arrive in. {@link #post} sends one body
 * as given, for bad-input tests.
 */
final class BoshClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final HttpClient http = Https.client();
    private final URI uri;
    private final URI[] endpoints;
    private final BlockingQueue<Element> received = new LinkedBlockingQueue<>();
    private final TreeMap<Long, Element> answers = new TreeMap<>();
    private long rid = ThreadLocalRandom.current().nextLong(1, 1L << 40);
    private long nextAnswer;
    private int outstanding;
    private String sid;
    private final java.util.Deque<String[]> pending = new java.util.ArrayDeque<>();
    private int requests = 1;
    private boolean terminated;
    private volatile boolean closed;

    BoshClient(URI uri) {
        this(new URI[] {uri});
    }

    /**
     * A client that creates its session at the first endpoint and then sends each request to the
     * next endpoint in turn (the nodes of a cluster behind a balancer without stickiness).
     */
    BoshClient(URI... endpoints) {
        this.uri = endpoints[0];
        this.endpoints = endpoints.clone();
    }

    /** One POST with this body, answered synchronously. */
    HttpResponse<String> post(String body) {
        return post(body, Map.of());
    }

    HttpResponse<String> post(String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError("POST " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    HttpClient http() {
        return http;
    }

    static String body(String attributes, String payload) {
        return "<body xmlns='" + Xml.HTTPBIND + "' xmlns:xmpp='urn:xmpp:xbosh' " + attributes
                + (payload.isEmpty() ? "/>" : ">" + payload + "</body>");
    }

    /** Session creation (§7.1); returns the answer, whose children are queued too. */
    synchronized Element create(String domain, int wait, int hold) {
        long first = rid++;
        HttpResponse<String> response = post(body("rid='" + first + "' to='" + domain + "' wait='" + wait + "' hold='" + hold
                + "' ver='1.11' xml:lang='en' xmpp:version='1.0'", ""));
        assertEquals(200, response.statusCode(), response.body());
        Element body = Xml.parse(response.body());
        sid = body.attribute("sid");
        requests = Integer.parseInt(body.attribute("requests"));
        nextAnswer = rid;
        body.elements().forEach(received::add);
        return body;
    }

    String sid() {
        return sid;
    }

    /** The rid the next request will carry. */
    synchronized long nextRid() {
        return rid;
    }

    /**
     * Queues a payload (with attributes for its request, such as a restart); queued payloads
     * without attributes share a request. At most {@code requests} are open at once (§11).
     */
    synchronized void send(String attributes, String payload) {
        pending.add(new String[] {attributes, payload});
        pump();
    }

    void send(String payload) {
        send("", payload);
    }

    /** Sends what is queued while fewer than {@code requests} are open; one is always open. */
    private void pump() {
        while (!closed && outstanding < requests && (!pending.isEmpty() || outstanding == 0)) {
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
            HttpRequest request = HttpRequest.newBuilder(endpoints[(int) (r % endpoints.length)]).timeout(Duration.ofSeconds(90))
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body("rid='" + r + "' sid='" + sid + "' " + attributes,
                            payload.toString())))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> answered(r, response, failure));
        }
    }

    private synchronized void answered(long r, HttpResponse<String> response, Throwable failure) {
        outstanding--;
        Element body = failure != null || response.statusCode() != 200
                ? Element.builder(Xml.HTTPBIND, "http-failure").attribute("rid", Long.toString(r))
                        .attribute("detail", failure != null ? failure.toString() : response.statusCode() + " " + response.body()).build()
                : Xml.parse(response.body());
        answers.put(r, body);
        for (Map.Entry<Long, Element> e = answers.firstEntry(); e != null && e.getKey() == nextAnswer; e = answers.firstEntry()) {
            answers.pollFirstEntry();
            nextAnswer++;
            Element b = e.getValue();
            if ("terminate".equals(b.attribute("type")) || b.localName().equals("http-failure")) {
                received.add(b);
                terminated = true;
            } else {
                b.elements().forEach(received::add);
            }
        }
        if (!terminated) {
            pump();
        }
    }

    Element next(String what) {
        try {
            Element e = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(e, "nothing from the server: expected " + what);
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Element expect(String namespace, String local) {
        Element e = next("<" + local + " xmlns='" + namespace + "'/>");
        assertTrue(e.is(namespace, local), "expected <" + local + " xmlns='" + namespace + "'/>, got " + e);
        return e;
    }

    /** Creates a session, authenticates with PLAIN, restarts (XEP-0206 §5) and binds. */
    String login(String domain, String user, String password, String resource) {
        create(domain, 10, 1);
        expect(Xml.STREAMS, "features");
        send(Xml.plainAuth(user, password));
        expect(Xml.SASL, "success");
        send("to='" + domain + "' xml:lang='en' xmpp:restart='true'", "");
        expect(Xml.STREAMS, "features");
        send(Xml.bind(resource));
        Element result = expect(Xml.CLIENT, "iq");
        assertEquals("result", result.attribute("type"), "bind: " + result);
        return result.elements().get(0).elements().get(0).text();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sid != null) {
            long r;
            synchronized (this) {
                r = rid++;
            }
            post(body("rid='" + r + "' sid='" + sid + "' type='terminate'", "<presence xmlns='jabber:client' type='unavailable'/>"));
        }
    }
}

package im.meerkat.testsuite.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.load.BoshRequests;
import im.meerkat.xmpp.xml.Element;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A BOSH client (XEP-0124, XEP-0206) for the tests: the requests are {@link BoshRequests}'s,
 * shared with the load tool (one request always held at the server, a new request for anything
 * to send, the answers read in {@code rid} order whatever order they arrive in); this class
 * creates sessions with the attributes a test chooses and checks what comes back.
 * {@link #post} sends one body as given, for bad-input tests.
 */
final class BoshClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final HttpClient http = Https.client();
    private final URI uri;
    private final BlockingQueue<Element> received = new LinkedBlockingQueue<>();
    private final BoshRequests requests;
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
        this.requests = new BoshRequests(http, Duration.ofSeconds(90), new BoshRequests.Receiver() {
            @Override
            public void received(Element child) {
                received.add(child);
            }

            @Override
            public void ended(Element why) {
                received.add(why);
            }
        }, endpoints);
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
        return BoshRequests.body(attributes, payload);
    }

    /** Session creation (§7.1); returns the answer, whose children are queued too. */
    Element create(String domain, int wait, int hold) {
        long first = requests.takeRid();
        HttpResponse<String> response = post(body("rid='" + first + "' to='" + domain + "' wait='" + wait + "' hold='" + hold
                + "' ver='1.11' xml:lang='en' xmpp:version='1.0'", ""));
        assertEquals(200, response.statusCode(), response.body());
        Element body = Xml.parse(response.body());
        requests.started(body.attribute("sid"), Integer.parseInt(body.attribute("requests")));
        body.elements().forEach(received::add);
        return body;
    }

    String sid() {
        return requests.sid();
    }

    /** The rid the next request will carry. */
    long nextRid() {
        return requests.nextRid();
    }

    /**
     * Queues a payload (with attributes for its request, such as a restart); queued payloads
     * without attributes share a request. At most {@code requests} are open at once (§11).
     */
    void send(String attributes, String payload) {
        requests.send(attributes, payload);
    }

    void send(String payload) {
        send("", payload);
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
        long r = requests.terminate();
        if (r >= 0) {
            post(body("rid='" + r + "' sid='" + requests.sid() + "' type='terminate'",
                    "<presence xmlns='jabber:client' type='unavailable'/>"));
        }
    }
}

package im.meerkat.load;

import im.meerkat.xmpp.xml.Element;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A load client over BOSH (XEP-0124, XEP-0206) on {@code java.net.http}, as browser libraries
 * work: one request always held at the server (the long poll), another one for anything to send,
 * at most {@code requests} open; answers are read in {@code rid} order. Non-blocking: requests
 * are sent and answered on the shared client's threads.
 */
final class BoshClient implements LoadClient {

    private static final String HTTPBIND = "http://jabber.org/protocol/httpbind";
    private static final Element ENDED = Element.builder(HTTPBIND, "ended").build();

    private final URI uri;
    private final int timeoutMillis;
    private final BlockingQueue<Element> inbox = new LinkedBlockingQueue<>();
    private final Deque<String[]> pending = new ArrayDeque<>();
    private final TreeMap<Long, Element> answers = new TreeMap<>();
    private long rid = ThreadLocalRandom.current().nextLong(1, 1L << 40);
    private long nextAnswer;
    private int outstanding;
    private int requests = 1;
    private int wait;
    private String sid;
    private String jid;
    private boolean ended;

    private BoshClient(URI uri, int timeoutMillis) {
        this.uri = uri;
        this.timeoutMillis = timeoutMillis;
    }

    /** Creates a session (§7.1), authenticates with PLAIN, restarts (XEP-0206 §5) and binds. */
    static BoshClient login(URI uri, XmppClient.Target target, String user, String password, String resource,
            int wait) throws IOException {
        BoshClient client = new BoshClient(uri, target.timeoutMillis());
        try {
            client.create(target.domain(), wait);
            WebClients.require(client.next(client.timeoutMillis), WebClients.STREAMS, "features", "<features/>");
            client.send(WebClients.plainAuth(user, password));
            WebClients.require(client.next(client.timeoutMillis), WebClients.SASL, "success", "<success/>");
            client.request("to='" + target.domain() + "' xml:lang='en' xmpp:restart='true'", "");
            WebClients.require(client.next(client.timeoutMillis), WebClients.STREAMS, "features", "<features/>");
            client.send(WebClients.bind(resource));
            client.jid = WebClients.boundJid(client.next(client.timeoutMillis));
            return client;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public String jid() {
        return jid;
    }

    @Override
    public void send(String xml) {
        request("", xml);
    }

    @Override
    public Element next(int millis) throws IOException {
        try {
            Element element = inbox.poll(millis, TimeUnit.MILLISECONDS);
            if (element == ENDED) {
                inbox.add(ENDED);
                return null;
            }
            return element;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        String body;
        synchronized (this) {
            if (ended || sid == null) {
                ended = true;
                return;
            }
            ended = true;
            body = body("rid='" + rid++ + "' sid='" + sid + "' type='terminate'",
                    "<presence xmlns='jabber:client' type='unavailable'/>");
        }
        WebClients.http().sendAsync(post(body), HttpResponse.BodyHandlers.discarding());
    }

    private void create(String domain, int wait) throws IOException {
        long first;
        synchronized (this) {
            first = rid++;
            nextAnswer = rid;
        }
        HttpResponse<String> response;
        try {
            response = WebClients.http().send(post(body("rid='" + first + "' to='" + domain + "' wait='" + wait
                    + "' hold='1' ver='1.11' xml:lang='en' xmpp:version='1.0'", "")), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("session creation: HTTP " + response.statusCode());
        }
        Element body = WebClients.parse(response.body());
        if (body.attribute("sid") == null) {
            throw new IOException("no session: " + response.body());
        }
        synchronized (this) {
            sid = body.attribute("sid");
            requests = Integer.parseInt(body.attribute("requests"));
            this.wait = Integer.parseInt(body.attribute("wait"));
        }
        body.elements().forEach(inbox::add);
        synchronized (this) {
            pump();
        }
    }

    /** Queues a payload; one with attributes (a restart) gets a request of its own. */
    private synchronized void request(String attributes, String payload) {
        pending.add(new String[] {attributes, payload});
        pump();
    }

    /** Sends what is queued while fewer than {@code requests} are open; one is always open. */
    private void pump() {
        while (!ended && outstanding < requests && (!pending.isEmpty() || outstanding == 0)) {
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
            WebClients.http().sendAsync(post(body("rid='" + r + "' sid='" + sid + "' " + attributes, payload.toString())),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> answered(r, response, failure));
        }
    }

    private synchronized void answered(long r, HttpResponse<String> response, Throwable failure) {
        outstanding--;
        Element body;
        try {
            body = failure != null || response.statusCode() != 200 ? ENDED : WebClients.parse(response.body());
        } catch (IOException e) {
            body = ENDED;
        }
        answers.put(r, body);
        for (Map.Entry<Long, Element> e = answers.firstEntry(); e != null && e.getKey() == nextAnswer;
                e = answers.firstEntry()) {
            answers.pollFirstEntry();
            nextAnswer++;
            Element b = e.getValue();
            if (b == ENDED || "terminate".equals(b.attribute("type"))) {
                ended = true;
                inbox.add(ENDED);
                return;
            }
            b.elements().forEach(inbox::add);
        }
        pump();
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(wait + 30L))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String body(String attributes, String payload) {
        return "<body xmlns='" + HTTPBIND + "' xmlns:xmpp='urn:xmpp:xbosh' " + attributes
                + (payload.isEmpty() ? "/>" : ">" + payload + "</body>");
    }
}

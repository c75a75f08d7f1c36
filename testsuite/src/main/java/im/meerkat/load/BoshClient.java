package im.meerkat.load;

import im.meerkat.xmpp.xml.Element;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A load client over BOSH (XEP-0124, XEP-0206): {@link BoshRequests} keeps one request held at
 * the server and sends on another, on the shared HTTP client's threads; this class creates the
 * session, logs in, and queues what the answers carry.
 */
final class BoshClient implements LoadClient {

    private static final Element ENDED = Element.builder(BoshRequests.HTTPBIND, "ended").build();

    private final BlockingQueue<Element> inbox = new LinkedBlockingQueue<>();
    private final BoshRequests requests;
    private final int timeoutMillis;
    private String jid;

    private BoshClient(URI uri, int timeoutMillis, int wait) {
        this.timeoutMillis = timeoutMillis;
        this.requests = new BoshRequests(WebClients.http(), Duration.ofSeconds(wait + 30L),
                new BoshRequests.Receiver() {
                    @Override
                    public void received(Element child) {
                        inbox.add(child);
                    }

                    @Override
                    public void ended(Element why) {
                        inbox.add(ENDED);
                    }
                }, uri);
    }

    /** Creates a session (§7.1), authenticates with PLAIN, restarts (XEP-0206 §5) and binds. */
    static BoshClient login(URI uri, XmppClient.Target target, String user, String password, String resource,
            int wait) throws IOException {
        BoshClient client = new BoshClient(uri, target.timeoutMillis(), wait);
        try {
            client.create(target.domain(), wait);
            WebClients.require(client.next(client.timeoutMillis), WebClients.STREAMS, "features", "<features/>");
            client.send(WebClients.plainAuth(user, password));
            WebClients.require(client.next(client.timeoutMillis), WebClients.SASL, "success", "<success/>");
            client.requests.send("to='" + target.domain() + "' xml:lang='en' xmpp:restart='true'", "");
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
        requests.send("", xml);
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
        long rid = requests.terminate();
        if (rid >= 0) {
            WebClients.http().sendAsync(requests.post(rid, BoshRequests.body("rid='" + rid + "' sid='"
                    + requests.sid() + "' type='terminate'",
                    "<presence xmlns='jabber:client' type='unavailable'/>")),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    private void create(String domain, int wait) throws IOException {
        long first = requests.takeRid();
        HttpResponse<String> response;
        try {
            response = WebClients.http().send(requests.post(first, BoshRequests.body("rid='" + first
                    + "' to='" + domain + "' wait='" + wait
                    + "' hold='1' ver='1.11' xml:lang='en' xmpp:version='1.0'", "")),
                    HttpResponse.BodyHandlers.ofString());
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
        requests.started(body.attribute("sid"), Integer.parseInt(body.attribute("requests")));
        body.elements().forEach(inbox::add);
        requests.poll();
    }
}

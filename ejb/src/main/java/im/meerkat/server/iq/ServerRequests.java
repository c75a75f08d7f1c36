package im.meerkat.server.iq;

import im.meerkat.server.session.LocalSession;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.stanza.Iq;
import im.meerkat.xmpp.xml.Element;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * IQ requests the server itself sends to a client of this node (RFC 6120 §8.2.3), such as
 * disco#info to learn a client's capabilities (XEP-0115 §6.2), and the responses that come back.
 * A response counts only when its id is one the server sent to that very full JID; it completes
 * the request's future on the thread that handles the client's stanza. A request with no response
 * within its timeout, or whose session ends, completes exceptionally with a {@link
 * TimeoutException}.
 */
@ApplicationScoped
public class ServerRequests {

    private record Pending(Jid to, CompletableFuture<Iq> response, ScheduledFuture<?> timeout) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService executor;
    private ScheduledExecutorService scheduler;
    private ScheduledExecutorService ownScheduler;

    public ServerRequests() {
    }

    /** For tests: timeouts on this scheduler. */
    public ServerRequests(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Sends a request to a session of this node with a fresh id and the given {@code from} (a
     * served domain), and completes the future with the result or error the client answers.
     */
    public CompletableFuture<Iq> send(LocalSession to, Jid from, Iq.Type type, Element payload,
            Duration timeout) {
        String id = newId();
        CompletableFuture<Iq> response = new CompletableFuture<>();
        ScheduledFuture<?> timer = scheduler().schedule(() -> expire(id), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        pending.put(id, new Pending(to.jid(), response, timer));
        Iq request = Iq.builder(type).id(id).from(from).to(to.jid()).child(payload).build();
        if (timer.isDone() || !to.send(request.element())) {
            expire(id);
        }
        return response;
    }

    /**
     * Takes a result or error the client sent to the server; true when it answered a request of
     * the server, false when no such request is outstanding (it is then dropped, RFC 6120 §8.2.3).
     */
    public boolean response(LocalSession from, Iq iq) {
        String id = iq.id();
        if (id == null) {
            return false;
        }
        Pending p = pending.get(id);
        if (p == null || !p.to().equals(from.jid()) || !pending.remove(id, p)) {
            return false;
        }
        p.timeout().cancel(false);
        p.response().complete(iq);
        return true;
    }

    /** How many requests wait for a response (for tests and metrics). */
    public int outstanding() {
        return pending.size();
    }

    private void expire(String id) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.timeout().cancel(false);
            p.response().completeExceptionally(new TimeoutException("no response to " + id));
        }
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "srv-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null && executor != null) {
            scheduler = executor;
        }
        if (scheduler == null) {
            // Outside a container (unit tests that do not pass one): a daemon thread of its own
            ownScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "server-requests");
                t.setDaemon(true);
                return t;
            });
            scheduler = ownScheduler;
        }
        return scheduler;
    }

    @PreDestroy
    synchronized void stop() {
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
    }
}

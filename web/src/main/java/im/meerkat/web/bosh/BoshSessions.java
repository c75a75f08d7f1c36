package im.meerkat.web.bosh;

import im.meerkat.server.stream.ChannelId;
import im.meerkat.server.stream.StreamService;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The BOSH sessions of this node by {@code sid}. A request without {@code sid} creates a session
 * (XEP-0124 §7.1); one with an unknown {@code sid} gets {@code item-not-found} (§17.2). Session
 * ids are 128 random bits behind the tag of this node ({@link BoshOwners}): the sid is all that
 * identifies a client between its requests, and it names the node that holds the session.
 */
@ApplicationScoped
public class BoshSessions {

    private final ConcurrentMap<String, BoshSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong channels = new AtomicLong();
    private final String node = System.getProperty("jboss.node.name", "local");

    @EJB
    private StreamService streams;

    @Inject
    private BoshSettings settings;

    @Inject
    private BoshOwners owners;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService scheduler;

    /** For the container. */
    public BoshSessions() {
    }

    /** One request body, already parsed; the answer goes to {@code exchange}. */
    void handle(BoshRequest request, Exchange exchange, boolean secure, InetSocketAddress remote) {
        if (request.creation()) {
            create(request, exchange, secure, remote);
            return;
        }
        BoshSession session = sessions.get(request.sid());
        if (session == null) {
            exchange.respond(BoshBodies.terminate(BoshCondition.ITEM_NOT_FOUND, List.of()));
        } else {
            session.handle(request, exchange);
        }
    }

    private void create(BoshRequest request, Exchange exchange, boolean secure, InetSocketAddress remote) {
        String sid = newSid();
        ChannelId id = new ChannelId(node, "bosh-" + Long.toString(channels.incrementAndGet(), 36));
        BoshSession session = new BoshSession(sid, id, remote, secure, request,
                BoshParams.negotiate(request, settings), streams, this::schedule, () -> sessions.remove(sid));
        sessions.put(sid, session);
        session.start(exchange);
    }

    private Timers.Timer schedule(Runnable task, java.time.Duration delay) {
        Future<?> f = scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    private String newSid() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return owners.sidPrefix() + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether this node holds the session. */
    boolean holds(String sid) {
        return sessions.containsKey(sid);
    }

    /** Sessions of this node, for diagnostics and tests. */
    public int count() {
        return sessions.size();
    }
}

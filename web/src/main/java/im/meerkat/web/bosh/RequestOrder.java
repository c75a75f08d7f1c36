package im.meerkat.web.bosh;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which requests of a session may be processed, and when (XEP-0124 §11, §14): the {@code rid}
 * window, the early requests waiting for a gap to be filled, the limit on open requests and on
 * polling. It decides; the session acts. Not thread-safe; the session guards it.
 */
final class RequestOrder {

    /** A request with the HTTP exchange its answer goes to. */
    record Waiting(BoshRequest request, Exchange exchange) {
    }

    /** What to do with one request. */
    sealed interface Admission {
    }

    /** Process these, in this order: the request and the early ones it unblocked. */
    record Process(List<Waiting> ready) implements Admission {
    }

    /** Send this answer again (§14.3). */
    record Resend(String body) implements Admission {
    }

    /** A repeat of a request still held (its connection broke): the new exchange replaces it. */
    record Retry() implements Admission {
    }

    /** Early: kept until the requests before it arrive (§14.2). */
    record Kept() implements Admission {
    }

    /** End the session with this condition. */
    record Refuse(BoshCondition condition) implements Admission {
    }

    private final BoshParams params;
    private final RidWindow window;
    private final TreeMap<Long, Waiting> early = new TreeMap<>();
    private long lastEmptyPoll;

    RequestOrder(long creationRid, BoshParams params) {
        this.params = params;
        this.window = new RidWindow(creationRid, params.requests());
    }

    /**
     * Decides about a request, given how many requests the session holds.
     *
     * @param heldHasRid whether a held request has this request's rid
     */
    Admission admit(BoshRequest request, Exchange exchange, int held, boolean heldHasRid) {
        long rid = request.rid();
        int open = held + early.size();
        switch (window.classify(rid)) {
            case REPEATED -> {
                String answer = window.answer(rid).orElse(null);
                if (answer != null) {
                    return new Resend(answer);
                }
                return heldHasRid ? new Retry() : new Refuse(BoshCondition.ITEM_NOT_FOUND);
            }
            case OUTSIDE -> {
                return new Refuse(BoshCondition.ITEM_NOT_FOUND);
            }
            case EARLY -> {
                if (!early.containsKey(rid) && open >= params.requests()) {
                    return new Refuse(BoshCondition.POLICY_VIOLATION);
                }
                early.put(rid, new Waiting(request, exchange)); // a retry replaces the first
                return new Kept();
            }
            default -> {
                if (open >= params.requests() && !request.terminate() || tooFrequentPoll(request)) {
                    return new Refuse(BoshCondition.POLICY_VIOLATION); // §11: overactivity
                }
                List<Waiting> ready = new ArrayList<>();
                ready.add(new Waiting(request, exchange));
                window.processed(rid);
                for (Waiting next = early.remove(window.next()); next != null; next = early.remove(window.next())) {
                    ready.add(next);
                    window.processed(next.request().rid());
                }
                return new Process(ready);
            }
        }
    }

    /** Remembers the answer to {@code rid} for a repeat. */
    void answered(long rid, String body) {
        window.answered(rid, body);
    }

    /** The early requests, removed: the session is ending. */
    List<Waiting> drainEarly() {
        List<Waiting> all = new ArrayList<>(early.values());
        early.clear();
        return all;
    }

    /** §11: a polling session (hold 0) must not send empty requests more often than {@code polling}. */
    private boolean tooFrequentPoll(BoshRequest request) {
        if (params.hold() > 0 || !request.empty()) {
            return false;
        }
        long now = System.nanoTime();
        boolean tooSoon = lastEmptyPoll != 0 && now - lastEmptyPoll < params.polling().toNanos();
        lastEmptyPoll = now;
        return tooSoon;
    }
}

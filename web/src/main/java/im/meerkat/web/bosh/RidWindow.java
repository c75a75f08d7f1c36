package im.meerkat.web.bosh;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The request ids of one session (XEP-0124 §14): which {@code rid} comes next, whether a new one
 * is in order, early but inside the window, a repeat, or outside; and the answers to the last
 * {@code size} requests, so that a repeated request gets the same answer again (§14.3).
 * Not thread-safe; the session guards it.
 */
final class RidWindow {

    /** How a request id relates to the window. */
    enum Verdict {
        /** The next expected id: process now. */
        IN_ORDER,
        /** Inside the window but with a gap before it: wait for the missing ones (§14.2). */
        EARLY,
        /** Already received: send the cached answer again (§14.3). */
        REPEATED,
        /** Beyond the window: {@code item-not-found} (§14.1). */
        OUTSIDE
    }

    private final int size;
    private final Map<Long, String> answers = new HashMap<>();
    private final Deque<Long> answered = new ArrayDeque<>();
    private long next;

    /** A window after the session creation request {@code firstRid}, {@code size} requests wide. */
    RidWindow(long firstRid, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("window size must be positive: " + size);
        }
        this.size = size;
        this.next = firstRid + 1;
    }

    Verdict classify(long rid) {
        if (rid < next) {
            return Verdict.REPEATED;
        }
        if (rid >= next + size) {
            return Verdict.OUTSIDE;
        }
        return rid == next ? Verdict.IN_ORDER : Verdict.EARLY;
    }

    /** The request {@code rid}, which was in order, is processed; the next one is expected. */
    void processed(long rid) {
        if (rid != next) {
            throw new IllegalStateException("rid " + rid + " processed while " + next + " was expected");
        }
        next = rid + 1;
    }

    long next() {
        return next;
    }

    int size() {
        return size;
    }

    /** Keeps the answer to {@code rid}; only the last {@code size} answers are kept. */
    void answered(long rid, String body) {
        if (answers.put(rid, body) == null) {
            answered.add(rid);
        }
        while (answered.size() > size) {
            answers.remove(answered.poll());
        }
    }

    Optional<String> answer(long rid) {
        return Optional.ofNullable(answers.get(rid));
    }
}

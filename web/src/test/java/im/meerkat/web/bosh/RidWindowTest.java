package im.meerkat.web.bosh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.web.bosh.RidWindow.Verdict;
import org.junit.jupiter.api.Test;

/** XEP-0124 §14: the request id window and the answers kept for repeated requests. */
class RidWindowTest {

    @Test
    void nextRidIsInOrderAndAGapIsEarlyInsideTheWindow() {
        RidWindow w = new RidWindow(100, 2);
        assertEquals(Verdict.IN_ORDER, w.classify(101));
        assertEquals(Verdict.EARLY, w.classify(102), "§14.2: inside the window, after a gap");
        assertEquals(Verdict.OUTSIDE, w.classify(103), "§14.1: beyond highest in-order rid + requests");
        assertEquals(Verdict.REPEATED, w.classify(100));
        assertEquals(Verdict.REPEATED, w.classify(5));
    }

    @Test
    void processingMovesTheWindow() {
        RidWindow w = new RidWindow(100, 2);
        w.processed(101);
        w.processed(102);
        assertEquals(103, w.next());
        assertEquals(Verdict.IN_ORDER, w.classify(103));
        assertEquals(Verdict.EARLY, w.classify(104));
        assertEquals(Verdict.OUTSIDE, w.classify(105));
        assertThrows(IllegalStateException.class, () -> w.processed(105));
    }

    @Test
    void onlyTheLastAnswersAreKept() {
        RidWindow w = new RidWindow(1, 2);
        w.answered(1, "a");
        w.answered(2, "b");
        w.answered(3, "c");
        assertTrue(w.answer(1).isEmpty(), "§14.3: older answers are dropped");
        assertEquals("b", w.answer(2).orElseThrow());
        assertEquals("c", w.answer(3).orElseThrow());
    }
}

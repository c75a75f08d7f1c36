package im.meerkat.web.bosh;

/** A request that gets a terminal binding condition instead of an answer (XEP-0124 §17). */
public class BoshException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient BoshCondition condition;

    public BoshException(BoshCondition condition, String message) {
        super(condition.value() + ": " + message);
        this.condition = condition;
    }

    public BoshCondition condition() {
        return condition;
    }
}

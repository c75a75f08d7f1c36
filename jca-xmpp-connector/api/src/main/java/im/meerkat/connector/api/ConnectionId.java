package im.meerkat.connector.api;

import java.io.Serializable;

/**
 * Names one socket connection of the resource adapter on this node, for its whole life. Ids
 * are not reused while the node runs.
 */
public record ConnectionId(long value) implements Serializable {

    /** Reads the form {@link #toString()} writes. */
    public static ConnectionId parse(String text) {
        if (!text.startsWith("c")) {
            throw new IllegalArgumentException("not a connection id: " + text);
        }
        return new ConnectionId(Long.parseLong(text.substring(1)));
    }

    @Override
    public String toString() {
        return "c" + value;
    }
}

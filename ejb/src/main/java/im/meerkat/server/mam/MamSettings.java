package im.meerkat.server.mam;

import im.meerkat.server.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of the message archive, read through {@link Settings}; docs/CONFIGURATION.md lists
 * them.
 */
@ApplicationScoped
public class MamSettings {

    public static final String QUEUE = "meerkat.mam.queue";
    public static final String MAX_PAGE = "meerkat.mam.max-page";
    public static final String BATCH = "meerkat.mam.batch";
    public static final String ENQUEUE_WAIT = "meerkat.mam.enqueue-wait-ms";
    public static final String NODE_ID = "meerkat.mam.node-id";
    public static final String DEFAULT_MODE = "meerkat.mam.default";
    public static final String COUNT_LIMIT = "meerkat.mam.count-limit";
    public static final String INSERT_ROWS = "meerkat.mam.insert-rows";
    static final int DEFAULT_COUNT_LIMIT = 10_000;
    private static final Pattern NODE_NAME = Pattern.compile(".*?(\\d+)$");

    private final int queue;
    private final int maxPage;
    private final int batch;
    private final int enqueueWaitMillis;
    private final int nodeId;
    private final Prefs.Mode defaultMode;
    private final int countLimit;
    private final int insertRows;

    public MamSettings() {
        this(Settings::lookup);
    }

    /** For tests: settings from any source, by property name. */
    public MamSettings(Function<String, String> source) {
        queue = Settings.integer(source, QUEUE, 100_000, 1, 100_000_000);
        maxPage = Settings.integer(source, MAX_PAGE, 250, 1, 10_000);
        batch = Settings.integer(source, BATCH, 500, 1, 100_000);
        enqueueWaitMillis = Settings.integer(source, ENQUEUE_WAIT, 0, 0, 60_000);
        nodeId = Settings.integer(source, NODE_ID, nodeFromName(source.apply("jboss.node.name")),
                0, ArchiveIds.MAX_NODE);
        insertRows = Settings.integer(source, INSERT_ROWS, 100, 1, 1000);
        countLimit = Settings.integer(source, COUNT_LIMIT, DEFAULT_COUNT_LIMIT, 0, Integer.MAX_VALUE - 1);
        String mode = source.apply(DEFAULT_MODE);
        defaultMode = mode == null || mode.isBlank() ? Prefs.Mode.ALWAYS : Prefs.Mode.of(mode.trim());
        if (defaultMode == null) {
            throw new IllegalArgumentException(DEFAULT_MODE + " must be always, never or roster, not "
                    + mode);
        }
    }

    /** Node {@code nodeN} is number N; another name, its hash (set the number on a cluster). */
    static int nodeFromName(String name) {
        if (name == null) {
            return 0;
        }
        Matcher m = NODE_NAME.matcher(name);
        if (m.matches() && m.group(1).length() < 8) {
            return Integer.parseInt(m.group(1)) % (ArchiveIds.MAX_NODE + 1);
        }
        return Math.floorMod(name.hashCode(), ArchiveIds.MAX_NODE + 1);
    }

    /** Rows that may wait to be written ({@code meerkat.mam.queue}). */
    public int queue() {
        return queue;
    }

    /** The largest page a query returns ({@code meerkat.mam.max-page}). */
    public int maxPage() {
        return maxPage;
    }

    /** Rows per JDBC batch ({@code meerkat.mam.batch}). */
    public int batch() {
        return batch;
    }

    /**
     * How long routing waits for room in a full queue before dropping the archive copy; by
     * default 0, so that routing never waits for the database.
     */
    public int enqueueWaitMillis() {
        return enqueueWaitMillis;
    }

    /** The node number in archive ids, unique within a cluster ({@code meerkat.mam.node-id}). */
    public int nodeId() {
        return nodeId;
    }

    /** Rows per INSERT statement of a batch; 1: one statement per row ({@code meerkat.mam.insert-rows}). */
    public int insertRows() {
        return insertRows;
    }

    /**
     * The largest range a query counts for {@code <count/>} and the first index; 0 counts every
     * range ({@code meerkat.mam.count-limit}).
     */
    public int countLimit() {
        return countLimit;
    }

    /** Archiving for accounts that set no preferences ({@code meerkat.mam.default}). */
    public Prefs.Mode defaultMode() {
        return defaultMode;
    }
}

package im.meerkat.server.mam;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads and purges table {@code meerkat_mam} with plain JDBC: a page is one indexed range scan
 * on (owner, id) or (owner, peer, id), fetching one row more than the page to know whether the
 * page is the last ({@code complete}, XEP-0313 §4.3). The count (XEP-0059 {@code <count/>}) is
 * an index-only scan that stops after {@link MamSettings#countLimit()} rows: a range larger than
 * that has no count and no first index, so that a page costs the same in an archive of a
 * million messages as in one of a hundred. The index of the page's first message needs a second
 * (equally bounded) scan only for pages inside the range. A request for the count alone
 * ({@code <max>0</max>}, XEP-0059 §2.6) is always counted exactly.
 */
@ApplicationScoped
public class ArchiveStore {

    /** Unknown count or index: the range is larger than the count limit. */
    public static final long UNKNOWN = -1;

    @Resource(lookup = "java:jboss/datasources/MeerkatDS")
    private DataSource dataSource;
    private int countLimit;

    /** For the container's proxy. */
    protected ArchiveStore() {
    }

    @Inject
    public ArchiveStore(MamSettings settings) {
        this.countLimit = settings.countLimit();
    }

    /** For tests outside a container: ranges counted exactly up to the default limit. */
    public ArchiveStore(DataSource dataSource) {
        this(dataSource, MamSettings.DEFAULT_COUNT_LIMIT);
    }

    /** For tests and tools: a count limit of their own (0: always exact). */
    public ArchiveStore(DataSource dataSource, int countLimit) {
        this.dataSource = dataSource;
        this.countLimit = countLimit;
    }

    /** One archived message: id and stanza XML. */
    public record Stored(long id, String xml) {
    }

    /**
     * A page of results in chronological order.
     *
     * @param complete whether the page reaches the end of the range in the paging direction
     * @param count the number of messages the query matches without paging, or {@link #UNKNOWN}
     * @param firstIndex the position of the page's first message among them, or {@link #UNKNOWN}
     */
    public record Page(List<Stored> items, boolean complete, long count, long firstIndex) {
    }

    public Page query(ArchiveQuery q) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Stored> items = new ArrayList<>();
            if (q.max() > 0) {
                ArchiveQuery.Sql where = q.where(true);
                String sql = "SELECT id, xml FROM " + ArchivedMessage.TABLE + where.text()
                        + " ORDER BY id " + (q.backwards() ? "DESC" : "ASC") + " LIMIT " + (q.max() + 1);
                try (PreparedStatement s = prepare(c, sql, where.params()); ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(new Stored(rs.getLong(1), rs.getString(2)));
                    }
                }
            }
            boolean complete = items.size() <= q.max();
            if (!complete) {
                items.remove(items.size() - 1);
            }
            if (q.backwards()) {
                Collections.reverse(items);
            }
            ArchiveQuery.Sql all = q.where(false);
            int limit = q.max() == 0 ? 0 : countLimit;
            long count = count(c, all.text().toString(), all.params(), limit);
            long firstIndex;
            if (items.isEmpty() || (q.before() == null && q.after() == null)) {
                firstIndex = 0; // the range's first page
            } else if (q.before() != null && q.before() == ArchiveQuery.LAST_PAGE) {
                // the page ends the range
                firstIndex = count == UNKNOWN ? UNKNOWN : Math.max(count - items.size(), 0);
            } else {
                List<Object> params = new ArrayList<>(all.params());
                params.add(items.get(0).id());
                firstIndex = count(c, all.text() + " AND id < ?", params, limit);
            }
            if (q.max() == 0) {
                complete = count == 0;
            }
            return new Page(items, complete, count, firstIndex);
        }
    }

    /** The oldest and newest message of an archive, if any (XEP-0313 §7). */
    public Optional<long[]> bounds(String owner) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT MIN(id), MAX(id) FROM "
                        + ArchivedMessage.TABLE + " WHERE owner = ?")) {
            s.setString(1, owner);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long first = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(new long[] {first, rs.getLong(2)});
            }
        }
    }

    /** Whether the archive holds this id. */
    public boolean contains(String owner, long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, "SELECT 1 FROM " + ArchivedMessage.TABLE
                        + " WHERE owner = ? AND id = ?", List.of(owner, id));
                ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }

    /** Deletes the messages older than the id, of one account or (owner null) of all. */
    public int deleteBefore(String owner, long id) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(id));
        String sql = "DELETE FROM " + ArchivedMessage.TABLE + " WHERE id < ?";
        if (owner != null) {
            sql += " AND owner = ?";
            params.add(owner);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params)) {
            return s.executeUpdate();
        }
    }

    /** The rows matching {@code where}, or {@link #UNKNOWN} when more than {@code limit} (if not 0). */
    private static long count(Connection c, String where, List<Object> params, int limit)
            throws SQLException {
        String sql = limit == 0 ? "SELECT COUNT(*) FROM " + ArchivedMessage.TABLE + where
                : "SELECT COUNT(*) FROM (SELECT 1 FROM " + ArchivedMessage.TABLE + where + " LIMIT "
                        + (limit + 1) + ") AS bounded";
        try (PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            rs.next();
            long count = rs.getLong(1);
            return limit != 0 && count > limit ? UNKNOWN : count;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params)
            throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Long l) {
                s.setLong(i + 1, l);
            } else {
                s.setString(i + 1, (String) p);
            }
        }
        return s;
    }
}

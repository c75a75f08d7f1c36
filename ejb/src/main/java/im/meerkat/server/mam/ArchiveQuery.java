package im.meerkat.server.mam;

import java.util.ArrayList;
import java.util.List;

/**
 * A query of one archive (XEP-0313 §4.1) with its page (XEP-0059), ready to be turned into SQL.
 * Time limits are id limits, since ids sort by time ({@link ArchiveIds#lowest}).
 *
 * @param withBare the other party's bare JID, or null for all
 * @param withResource its resource when {@code with} was a full JID, else null
 * @param fromId smallest id in the range (inclusive), or null
 * @param toId greatest id in the range (inclusive), or null
 * @param ids only these ids ({@code urn:xmpp:mam:2#extended}), or null for any
 * @param after the RSM {@code <after/>} id: the page starts after it, or null
 * @param before the RSM {@code <before/>} id, or null; {@link #LAST_PAGE} for an empty
 *     {@code <before/>}, which asks for the last page
 * @param max page size, already limited by the server
 */
public record ArchiveQuery(String owner, String withBare, String withResource, Long fromId,
        Long toId, List<Long> ids, Long after, Long before, int max, boolean flip) {

    public static final long LAST_PAGE = Long.MAX_VALUE;

    /** Pages backwards: the page ends before {@code before} (or at the end). */
    public boolean backwards() {
        return before != null;
    }

    /** The SQL condition and its parameters; {@code paged} adds the RSM limits. */
    Sql where(boolean paged) {
        Sql sql = new Sql(new StringBuilder(" WHERE owner = ?"), new ArrayList<>());
        sql.params().add(owner);
        if (withBare != null) {
            sql.and("peer = ?", withBare);
            if (withResource != null) {
                sql.and("peer_resource = ?", withResource);
            }
        }
        if (fromId != null) {
            sql.and("id >= ?", fromId);
        }
        if (toId != null) {
            sql.and("id <= ?", toId);
        }
        if (ids != null) {
            sql.text().append(" AND id IN (");
            for (int i = 0; i < ids.size(); i++) {
                sql.text().append(i == 0 ? "?" : ", ?");
                sql.params().add(ids.get(i));
            }
            sql.text().append(')');
        }
        if (paged && after != null) {
            sql.and("id > ?", after);
        }
        if (paged && before != null && before != LAST_PAGE) {
            sql.and("id < ?", before);
        }
        return sql;
    }

    /** A piece of SQL and its parameters in order. */
    record Sql(StringBuilder text, List<Object> params) {
        void and(String condition, Object param) {
            text.append(" AND ").append(condition);
            params.add(param);
        }
    }
}

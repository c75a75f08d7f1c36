package im.meerkat.server.mam;

import im.meerkat.server.adhoc.DataForm;
import im.meerkat.xmpp.error.StanzaErrorCondition;
import im.meerkat.xmpp.error.StanzaErrorException;
import im.meerkat.xmpp.jid.Jid;
import im.meerkat.xmpp.xml.Element;
import im.meerkat.xmpp.xml.XmlName;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an archive query (XEP-0313 §4.1): the data form with fields {@code with}, {@code start},
 * {@code end}, {@code before-id}, {@code after-id}, {@code ids}, the result set (XEP-0059) and
 * {@code <flip-page/>}. A field the server does not know, a bad date or JID, or a bad number is
 * {@code <bad-request/>}; an id that cannot be an archive id is {@code <item-not-found/>}.
 * Whether the ids exist in the archive is for the caller to check.
 */
public final class QueryParser {

    public static final String RSM = "http://jabber.org/protocol/rsm";
    static final XmlName SET = XmlName.of(RSM, "set");
    static final Set<String> FIELDS = Set.of("FORM_TYPE", "with", "start", "end", "before-id",
            "after-id", "ids");
    /** Page size when the client gives none. */
    static final int DEFAULT_PAGE = 50;
    private static final XmlName FIELD = XmlName.of(DataForm.NAMESPACE, "field");

    private QueryParser() {
    }

    public static ArchiveQuery parse(String owner, Element query, int maxPage) throws StanzaErrorException {
        Optional<Element> x = query.child(DataForm.X);
        String withBare = null;
        String withResource = null;
        Long from = null;
        Long to = null;
        List<Long> ids = null;
        if (x.isPresent()) {
            for (Element f : x.get().children(FIELD)) {
                String var = f.attribute("var");
                if (var == null || !FIELDS.contains(var)) {
                    throw bad("unknown field " + var);
                }
            }
            DataForm form = DataForm.parse(x.get());
            Optional<String> formType = form.value("FORM_TYPE");
            if (formType.isPresent() && !formType.get().equals(MamQueryHandler.NAMESPACE)) {
                throw bad("FORM_TYPE must be " + MamQueryHandler.NAMESPACE);
            }
            Optional<String> with = form.value("with");
            if (with.isPresent()) {
                Jid jid = Jid.tryOf(with.get()).orElseThrow(() -> bad("with is not a JID"));
                withBare = jid.bare().toString();
                withResource = jid.resourceOrNull();
            }
            Optional<String> start = form.value("start");
            if (start.isPresent()) {
                from = ArchiveIds.lowest(instant(start.get()));
            }
            Optional<String> end = form.value("end");
            if (end.isPresent()) {
                to = ArchiveIds.highest(instant(end.get()));
            }
            Optional<String> afterId = form.value("after-id");
            if (afterId.isPresent()) {
                from = max(from, id(afterId.get()) + 1);
            }
            Optional<String> beforeId = form.value("before-id");
            if (beforeId.isPresent()) {
                to = min(to, id(beforeId.get()) - 1);
            }
            if (!form.values("ids").isEmpty()) {
                if (form.values("ids").size() > maxPage) {
                    throw new StanzaErrorException(StanzaErrorCondition.POLICY_VIOLATION,
                            "at most " + maxPage + " ids in one query");
                }
                ids = new ArrayList<>();
                for (String id : form.values("ids")) {
                    ids.add(id(id));
                }
            }
        }
        Optional<Element> set = query.child(SET);
        int max = Math.min(DEFAULT_PAGE, maxPage);
        Long after = null;
        Long before = null;
        if (set.isPresent()) {
            Optional<String> m = set.get().childText(XmlName.of(RSM, "max"));
            if (m.isPresent()) {
                max = Math.min(number(m.get()), maxPage); // XEP-0059 §2.1: up to the server's limit
            }
            Optional<String> a = set.get().childText(XmlName.of(RSM, "after"));
            if (a.isPresent()) {
                after = id(a.get());
            }
            Optional<Element> b = set.get().child(XmlName.of(RSM, "before"));
            if (b.isPresent()) {
                before = b.get().text().isEmpty() ? ArchiveQuery.LAST_PAGE : id(b.get().text());
            }
            if (after != null && before != null) {
                throw bad("a page is either after or before an item");
            }
        }
        boolean flip = query.hasChild(XmlName.of(MamQueryHandler.NAMESPACE, "flip-page"));
        return new ArchiveQuery(owner, withBare, withResource, from, to, ids, after, before, max, flip);
    }

    /** The ids a query names, which must exist in the archive (XEP-0313 §4.1, XEP-0059 §2.4). */
    public static List<Long> referencedIds(Element query) throws StanzaErrorException {
        List<Long> ids = new ArrayList<>();
        Optional<Element> x = query.child(DataForm.X);
        if (x.isPresent()) {
            DataForm form = DataForm.parse(x.get());
            for (String var : List.of("after-id", "before-id")) {
                Optional<String> v = form.value(var);
                if (v.isPresent()) {
                    ids.add(id(v.get()));
                }
            }
        }
        Optional<Element> set = query.child(SET);
        if (set.isPresent()) {
            for (String name : List.of("after", "before")) {
                Optional<String> v = set.get().childText(XmlName.of(RSM, name));
                if (v.isPresent() && !v.get().isEmpty()) {
                    ids.add(id(v.get()));
                }
            }
        }
        return ids;
    }

    private static Long max(Long a, long b) {
        return a == null ? b : Math.max(a, b);
    }

    private static Long min(Long a, long b) {
        return a == null ? b : Math.min(a, b);
    }

    private static long id(String text) throws StanzaErrorException {
        long id = ArchiveIds.parse(text.trim());
        if (id < 0) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no message " + text);
        }
        return id;
    }

    private static int number(String text) throws StanzaErrorException {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw bad("max must be a whole number, not " + text);
    }

    /** XEP-0082 date and time. */
    static Instant instant(String text) throws StanzaErrorException {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw bad("not an XEP-0082 date and time: " + text);
        }
    }

    private static StanzaErrorException bad(String text) {
        return new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, text);
    }
}

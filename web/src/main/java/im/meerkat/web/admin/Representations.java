package im.meerkat.web.admin;

import java.time.Instant;
import java.util.List;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import im.meerkat.server.admin.SessionSummary;

/**
 * The JSON bodies the admin API answers with, written by JSON-B. Their field names are part of
 * the API that {@code docs/ADMIN.md} documents and {@code bin/meerkatctl} reads.
 */
public final class Representations {

    private Representations() {
    }

    /** {@code GET /api/domains}. */
    public record DomainList(List<String> domains) {
    }

    /** {@code GET /api/users/{domain}}: usernames are localparts, sorted. */
    @JsonbPropertyOrder({"domain", "users"})
    public record UserList(String domain, List<String> users) {
    }

    /** A created account. */
    @JsonbPropertyOrder({"jid", "user", "domain"})
    public record Account(String jid, String user, String domain) {

        static Account of(String user, String domain) {
            return new Account(user + "@" + domain, user, domain);
        }
    }

    /** {@code GET /api/sessions}. */
    public record SessionList(List<Session> sessions) {

        static SessionList of(List<SessionSummary> summaries) {
            return new SessionList(summaries.stream().map(Session::of).toList());
        }
    }

    /**
     * One session.
     *
     * @param since when the resource was bound, as an RFC 3339 UTC timestamp
     */
    @JsonbPropertyOrder({"jid", "node", "transport", "address", "since", "priority",
            "available"})
    public record Session(String jid, String node, String transport, String address,
            Instant since, int priority, boolean available) {

        static Session of(SessionSummary s) {
            return new Session(s.jid(), s.node(), s.transport(), s.address(), s.since(),
                    s.priority(), s.available());
        }
    }

    /** The answer to a kick: the JID as given and how many of its sessions ended. */
    @JsonbPropertyOrder({"jid", "ended"})
    public record Kicked(String jid, int ended) {
    }

    /**
     * Every error answer.
     *
     * @param error   a stable code: {@code not-found}, {@code conflict}, {@code invalid-argument},
     *                {@code bad-request}, {@code forbidden}, ... (the HTTP reason phrase in lower
     *                case with hyphens when nothing more precise applies)
     * @param message a sentence for a person
     */
    @JsonbPropertyOrder({"error", "message"})
    public record ErrorBody(String error, String message) {
    }
}

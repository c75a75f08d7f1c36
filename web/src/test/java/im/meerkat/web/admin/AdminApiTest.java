package im.meerkat.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.ejb.EJBAccessException;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import im.meerkat.server.admin.SessionSummary;

/**
 * The admin REST API (documented in docs/ADMIN.md): each resource's answers to
 * good and bad input. Refusals carry RFC 9110 §15.5 statuses with a JSON error body, and a
 * refused request changes nothing.
 */
class AdminApiTest {

    private FakeAdminService admin;
    private ApiHarness api;

    @BeforeEach
    void setUp() throws Exception {
        admin = new FakeAdminService("localhost", "example.org");
        admin.registerUser("alice", "localhost", "alice-secret");
        admin.registerUser("bob", "localhost", "bob-secret");
        api = new ApiHarness(admin);
    }

    static void assertError(ApiHarness.Reply reply, int status, String code, String message) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("application/json"),
                reply.header("Content-Type"));
        JsonObject json = reply.json();
        assertEquals(code, json.getString("error"));
        assertTrue(json.getString("message").contains(message), json.getString("message"));
    }

    @Nested
    class Domains {

        @Test
        void listsTheServedDomains() {
            ApiHarness.Reply reply = api.get("domains");
            assertEquals(200, reply.status());
            assertEquals("{\"domains\":[\"example.org\",\"localhost\"]}", reply.body());
        }
    }

    @Nested
    class Users {

        @Test
        void listsTheUsersOfADomainSorted() {
            ApiHarness.Reply reply = api.get("users/localhost");
            assertEquals(200, reply.status());
            assertEquals("{\"domain\":\"localhost\",\"users\":[\"alice\",\"bob\"]}", reply.body());
        }

        @Test
        void listingAnUnservedDomainIsABadRequest() {
            assertError(api.get("users/elsewhere.net"), 400, "invalid-argument",
                    "does not serve elsewhere.net");
        }

        @Test
        void registerCreatesTheAccountAndAnswers201WithItsLocation() {
            ApiHarness.Reply reply = api.send("POST", "users/localhost",
                    "{\"user\":\"carol\",\"password\":\"s3cret \\\"quoted\\\"\"}");
            assertEquals(201, reply.status(), reply.body());
            assertEquals("http://127.0.0.1:8080/api/users/localhost/carol",
                    reply.header("Location"));
            assertEquals("{\"jid\":\"carol@localhost\",\"user\":\"carol\",\"domain\":\"localhost\"}",
                    reply.body());
            assertEquals("s3cret \"quoted\"", admin.password("carol", "localhost"));
        }

        @Test
        void registerEncodesTheLocationOfAUnicodeUsername() {
            ApiHarness.Reply reply = api.send("POST", "users/localhost",
                    "{\"user\":\"zoë\",\"password\":\"x\"}");
            assertEquals(201, reply.status(), reply.body());
            assertEquals("http://127.0.0.1:8080/api/users/localhost/zo%C3%AB",
                    reply.header("Location"));
            assertEquals("x", admin.password("zoë", "localhost"));
        }

        @Test
        void registeringAnExistingAccountIsAConflictAndKeepsItsPassword() {
            assertError(api.send("POST", "users/localhost",
                    "{\"user\":\"alice\",\"password\":\"other\"}"), 409, "conflict",
                    "alice@localhost already exists");
            assertEquals("alice-secret", admin.password("alice", "localhost"));
        }

        @Test
        void registerRefusesWhatTheServiceRefuses() {
            assertError(api.send("POST", "users/localhost",
                    "{\"user\":\"carol\",\"password\":\"\"}"), 400, "invalid-argument",
                    "the password is empty");
            assertError(api.send("POST", "users/elsewhere.net",
                    "{\"user\":\"carol\",\"password\":\"x\"}"), 400, "invalid-argument",
                    "does not serve elsewhere.net");
            assertNull(admin.password("carol", "localhost"));
        }

        @Test
        void registerWithAMissingFieldNamesIt() {
            assertError(api.send("POST", "users/localhost", "{\"user\":\"carol\"}"), 400,
                    "bad-request", "missing field \"password\"");
            assertError(api.send("POST", "users/localhost", "{\"password\":\"x\"}"), 400,
                    "bad-request", "missing field \"user\"");
            assertError(api.send("POST", "users/localhost",
                    "{\"user\":null,\"password\":\"x\"}"), 400, "bad-request",
                    "missing field \"user\"");
            assertNull(admin.password("carol", "localhost"));
        }

        @Test
        void registerWithAFieldOfTheWrongTypeNamesIt() {
            assertError(api.send("POST", "users/localhost",
                    "{\"user\":\"carol\",\"password\":1234}"), 400, "bad-request",
                    "field \"password\" must be a string");
            assertNull(admin.password("carol", "localhost"));
        }

        @Test
        void registerWithMalformedJsonIsABadRequest() {
            assertError(api.send("POST", "users/localhost", "{\"user\":\"carol\","), 400,
                    "bad-request", "JSON");
            assertError(api.send("POST", "users/localhost", "user=carol&password=x"), 400,
                    "bad-request", "malformed JSON");
            assertError(api.send("POST", "users/localhost",
                    "{\"user\":\"carol\",\"password\":\"x\"} {}"), 400, "bad-request", "JSON");
            assertNull(admin.password("carol", "localhost"));
        }

        @Test
        void registerWithABodyThatIsNotAnObjectIsABadRequest() {
            assertError(api.send("POST", "users/localhost", "[\"carol\",\"x\"]"), 400,
                    "bad-request", "must be a JSON object, not array");
            assertError(api.send("POST", "users/localhost", ""), 400, "bad-request",
                    "the request body is empty");
            assertError(api.send("POST", "users/localhost", " \n"), 400, "bad-request",
                    "malformed JSON");
            assertNull(admin.password("carol", "localhost"));
        }

        @Test
        void registerWithAnotherMediaTypeIsUnsupported() {
            ApiHarness.Reply reply = api.call("POST", "users/localhost", "text/plain",
                    "carol x");
            assertError(reply, 415, "unsupported-media-type", "must be application/json");
            assertNull(admin.password("carol", "localhost"));
        }

        @Test
        void unregisterDeletesTheAccountAndAnswers204() {
            ApiHarness.Reply reply = api.delete("users/localhost/alice");
            assertEquals(204, reply.status(), reply.body());
            assertEquals("", reply.body());
            assertNull(admin.password("alice", "localhost"));
        }

        @Test
        void unregisteringAnUnknownAccountIsNotFound() {
            assertError(api.delete("users/localhost/nobody"), 404, "not-found",
                    "no user nobody@localhost");
        }

        @Test
        void changePasswordSetsItAndAnswers204() {
            ApiHarness.Reply reply = api.send("PUT", "users/localhost/alice/password",
                    "{\"password\":\"n\\u00e9w\"}");
            assertEquals(204, reply.status(), reply.body());
            assertEquals("néw", admin.password("alice", "localhost"));
        }

        @Test
        void changingThePasswordOfAnUnknownAccountIsNotFound() {
            assertError(api.send("PUT", "users/localhost/nobody/password",
                    "{\"password\":\"x\"}"), 404, "not-found", "no user nobody@localhost");
        }

        @Test
        void changePasswordWithABadBodyIsABadRequestAndKeepsThePassword() {
            assertError(api.send("PUT", "users/localhost/alice/password", "{}"), 400,
                    "bad-request", "missing field \"password\"");
            assertError(api.send("PUT", "users/localhost/alice/password", "{\"password\""), 400,
                    "bad-request", "JSON");
            assertError(api.send("PUT", "users/localhost/alice/password",
                    "{\"password\":\"\"}"), 400, "invalid-argument", "the password is empty");
            assertEquals("alice-secret", admin.password("alice", "localhost"));
        }
    }

    @Nested
    class Sessions {

        private final Instant since = Instant.parse("2025-03-01T10:15:30Z");

        @BeforeEach
        void twoSessions() {
            admin.addSession(new SessionSummary("alice@localhost/phone", "node1", "tcp",
                    "127.0.0.1:50412", since, 5, true));
            admin.addSession(new SessionSummary("alice@localhost/laptop/work", "node2",
                    "websocket", "[::1]:41000", since, 0, false));
        }

        @Test
        void listsEverySessionWithItsDetails() {
            ApiHarness.Reply reply = api.get("sessions");
            assertEquals(200, reply.status());
            assertEquals("{\"sessions\":["
                    + "{\"jid\":\"alice@localhost/laptop/work\",\"node\":\"node2\","
                    + "\"transport\":\"websocket\",\"address\":\"[::1]:41000\","
                    + "\"since\":\"2025-03-01T10:15:30Z\",\"priority\":0,\"available\":false},"
                    + "{\"jid\":\"alice@localhost/phone\",\"node\":\"node1\",\"transport\":\"tcp\","
                    + "\"address\":\"127.0.0.1:50412\",\"since\":\"2025-03-01T10:15:30Z\","
                    + "\"priority\":5,\"available\":true}]}", reply.body());
        }

        @Test
        void anEmptyListIsStillAList() {
            api.delete("sessions/alice@localhost");
            assertEquals("{\"sessions\":[]}", api.get("sessions").body());
        }

        @Test
        void kickingAFullJidEndsThatSessionWithTheGivenReason() {
            ApiHarness.Reply reply = api.delete("sessions/alice@localhost/phone?reason=go%20away");
            assertEquals(200, reply.status(), reply.body());
            assertEquals("{\"jid\":\"alice@localhost/phone\",\"ended\":1}", reply.body());
            assertEquals(List.of(new FakeAdminService.Kick("alice@localhost/phone", "go away")),
                    admin.kicks);
            assertEquals(1, admin.listSessions().size());
        }

        @Test
        void kickingAFullJidWhoseResourceHasASlash() {
            // RFC 7622 §3.4: the resourcepart is everything after the first '/'.
            ApiHarness.Reply reply = api.delete("sessions/alice@localhost/laptop/work");
            assertEquals(200, reply.status(), reply.body());
            assertEquals("alice@localhost/laptop/work", admin.kicks.get(0).jid());
        }

        @Test
        void kickingABareJidEndsAllItsSessionsWithTheDefaultReason() {
            ApiHarness.Reply reply = api.delete("sessions/alice@localhost");
            assertEquals(200, reply.status(), reply.body());
            assertEquals("{\"jid\":\"alice@localhost\",\"ended\":2}", reply.body());
            assertEquals(SessionsResource.DEFAULT_REASON, admin.kicks.get(0).reason());
            assertTrue(admin.listSessions().isEmpty());
        }

        @Test
        void kickingAJidWithoutSessionsIsNotFound() {
            assertError(api.delete("sessions/bob@localhost"), 404, "not-found",
                    "no session of bob@localhost");
        }

        @Test
        void kickingSomethingThatIsNotAUserJidIsABadRequest() {
            assertError(api.delete("sessions/localhost"), 400, "invalid-argument",
                    "not a user JID");
            assertEquals(2, admin.listSessions().size());
        }
    }

    @Nested
    class Failures {

        @Test
        void anUnknownResourceIsNotFoundAsJson() {
            assertError(api.get("accounts"), 404, "not-found", "no such resource: /api/accounts");
        }

        @Test
        void aMethodTheResourceDoesNotHaveIsNotAllowedAndSaysWhichAre() {
            ApiHarness.Reply reply = api.send("PUT", "sessions", "{}");
            assertError(reply, 405, "method-not-allowed", "PUT is not allowed on /api/sessions");
            assertTrue(reply.header("Allow").contains("GET"), reply.header("Allow"));
        }

        @Test
        void aServiceFailureIsA500WithoutInternalsAndLoggedUnderItsReference() {
            IllegalStateException failure = new IllegalStateException("database connection lost");
            admin.failWith(failure);
            List<LogRecord> logged = new ArrayList<>();
            Logger log = Logger.getLogger(UnexpectedErrorMapper.class.getName());
            Handler capture = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    logged.add(record);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            log.addHandler(capture);
            log.setUseParentHandlers(false);
            try {
                ApiHarness.Reply reply = api.get("sessions");
                assertError(reply, 500, "internal-error", "its log has the details under reference");
                assertFalse(reply.body().contains("database"), reply.body());
                assertFalse(reply.body().contains("Exception"), reply.body());

                String message = reply.json().getString("message");
                String reference = message.substring(message.lastIndexOf(' ') + 1);
                assertEquals(1, logged.size());
                assertEquals(Level.SEVERE, logged.get(0).getLevel());
                assertSame(failure, logged.get(0).getThrown());
                assertTrue(logged.get(0).getMessage().endsWith("reference " + reference),
                        logged.get(0).getMessage());
            } finally {
                log.removeHandler(capture);
                log.setUseParentHandlers(true);
            }
        }

        @Test
        void aCallerTheServiceRefusesIsForbidden() {
            admin.failWith(new EJBAccessException("WFLYEJB0364: Invocation on method ... denied"));
            assertError(api.get("domains"), 403, "forbidden", "not an administrator");
        }
    }
}

package im.meerkat.server.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.meerkat.xmpp.stanza.Presence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The subscription state machine against the tables of RFC 6121 Appendix A: A.2 (the contact's
 * server, inbound stanzas: whether delivered, new state) and A.3 (the user's server, outbound
 * stanzas: new state), plus the pre-approvals of §3.4. States are written as in the RFC:
 * {@code None+Out}, {@code None+In}, {@code None+OutIn} and so on.
 */
class SubscriptionStateTest {

    static SubscriptionState state(String text) {
        String[] parts = text.split("\\+");
        String extra = parts.length > 1 ? parts[1] : "";
        boolean approved = extra.contains("Approved");
        extra = extra.replace("Approved", "");
        return new SubscriptionState(Subscription.of(parts[0]), extra.contains("Out"),
                extra.contains("In"), approved);
    }

    // A.2.1 inbound subscribe; * = the server replies subscribed for the contact
    @ParameterizedTest(name = "inbound subscribe in {0}")
    @CsvSource({
        "None,          true,  false, None+In",
        "None+Out,      true,  false, None+OutIn",
        "None+In,       false, false, None+In",
        "None+OutIn,    false, false, None+OutIn",
        "To,            true,  false, To+In",
        "To+In,         false, false, To+In",
        "From,          false, true,  From",
        "From+Out,      false, true,  From+Out",
        "Both,          false, true,  Both",
        // §3.4.2: a pre-approved request is answered and becomes 'from' without the contact
        "None+Approved, false, true,  From",
        "To+Approved,   false, true,  Both",
        "None+OutApproved, false, true, From+Out"
    })
    void inboundSubscribe(String before, boolean deliver, boolean autoReply, String after) {
        inbound(Presence.Type.SUBSCRIBE, before, deliver, autoReply, after);
    }

    // A.2.2 inbound unsubscribe
    @ParameterizedTest(name = "inbound unsubscribe in {0}")
    @CsvSource({
        "None,       false, None",
        "None+Out,   false, None+Out",
        "None+In,    true,  None",
        "None+OutIn, true,  None+Out",
        "To,         false, To",
        "To+In,      true,  To",
        "From,       true,  None",
        "From+Out,   true,  None+Out",
        "Both,       true,  To"
    })
    void inboundUnsubscribe(String before, boolean deliver, String after) {
        inbound(Presence.Type.UNSUBSCRIBE, before, deliver, false, after);
    }

    // A.2.3 inbound subscribed
    @ParameterizedTest(name = "inbound subscribed in {0}")
    @CsvSource({
        "None,       false, None",
        "None+Out,   true,  To",
        "None+In,    false, None+In",
        "None+OutIn, true,  To+In",
        "To,         false, To",
        "To+In,      false, To+In",
        "From,       false, From",
        "From+Out,   true,  Both",
        "Both,       false, Both"
    })
    void inboundSubscribed(String before, boolean deliver, String after) {
        inbound(Presence.Type.SUBSCRIBED, before, deliver, false, after);
    }

    // A.2.4 inbound unsubscribed
    @ParameterizedTest(name = "inbound unsubscribed in {0}")
    @CsvSource({
        "None,       false, None",
        "None+Out,   true,  None",
        "None+In,    false, None+In",
        "None+OutIn, true,  None+In",
        "To,         true,  None",
        "To+In,      true,  None+In",
        "From,       false, From",
        "From+Out,   true,  From",
        "Both,       true,  From"
    })
    void inboundUnsubscribed(String before, boolean deliver, String after) {
        inbound(Presence.Type.UNSUBSCRIBED, before, deliver, false, after);
    }

    // A.3.1 outbound subscribe: always routed
    @ParameterizedTest(name = "outbound subscribe in {0}")
    @CsvSource({
        "None,       None+Out",
        "None+Out,   None+Out",
        "None+In,    None+OutIn",
        "None+OutIn, None+OutIn",
        "To,         To",
        "To+In,      To+In",
        "From,       From+Out",
        "From+Out,   From+Out",
        "Both,       Both"
    })
    void outboundSubscribe(String before, String after) {
        outbound(Presence.Type.SUBSCRIBE, before, true, after);
    }

    // A.3.2 outbound unsubscribe: always routed
    @ParameterizedTest(name = "outbound unsubscribe in {0}")
    @CsvSource({
        "None,       None",
        "None+Out,   None",
        "None+In,    None+In",
        "None+OutIn, None+In",
        "To,         None",
        "To+In,      None+In",
        "From,       From",
        "From+Out,   From",
        "Both,       From"
    })
    void outboundUnsubscribe(String before, String after) {
        outbound(Presence.Type.UNSUBSCRIBE, before, true, after);
    }

    // A.3.3 outbound subscribed; without a pending request it is a pre-approval (§3.4.1)
    @ParameterizedTest(name = "outbound subscribed in {0}")
    @CsvSource({
        "None,       false, None+Approved",
        "None+Out,   false, None+OutApproved",
        "None+In,    true,  From",
        "None+OutIn, true,  From+Out",
        "To,         false, To+Approved",
        "To+In,      true,  Both",
        "From,       false, From",
        "From+Out,   false, From+Out",
        "Both,       false, Both"
    })
    void outboundSubscribed(String before, boolean route, String after) {
        outbound(Presence.Type.SUBSCRIBED, before, route, after);
    }

    // A.3.4 outbound unsubscribed; it also withdraws a pre-approval (§3.4)
    @ParameterizedTest(name = "outbound unsubscribed in {0}")
    @CsvSource({
        "None,          false, None",
        "None+Out,      false, None+Out",
        "None+In,       true,  None",
        "None+OutIn,    true,  None+Out",
        "To,            false, To",
        "To+In,         true,  To",
        "From,          true,  None",
        "From+Out,      true,  None+Out",
        "Both,          true,  To",
        "None+Approved, false, None"
    })
    void outboundUnsubscribed(String before, boolean route, String after) {
        outbound(Presence.Type.UNSUBSCRIBED, before, route, after);
    }

    private static void inbound(Presence.Type type, String before, boolean deliver,
            boolean autoReply, String after) {
        SubscriptionState.Inbound result = state(before).inbound(type);
        assertEquals(state(after), result.state(), "state");
        assertEquals(deliver, result.deliver(), "delivered");
        assertEquals(autoReply, result.autoReply(), "auto-reply");
    }

    private static void outbound(Presence.Type type, String before, boolean route, String after) {
        SubscriptionState.Outbound result = state(before).outbound(type);
        assertEquals(state(after), result.state(), "state");
        assertEquals(route, result.route(), "routed");
    }

    @org.junit.jupiter.api.Test
    void aFullHandshakeEndsInBothOnBothSides() {
        SubscriptionState user = SubscriptionState.NONE;
        SubscriptionState contact = SubscriptionState.NONE;
        user = user.outbound(Presence.Type.SUBSCRIBE).state();
        contact = contact.inbound(Presence.Type.SUBSCRIBE).state();
        contact = contact.outbound(Presence.Type.SUBSCRIBED).state();
        user = user.inbound(Presence.Type.SUBSCRIBED).state();
        assertEquals(state("To"), user);
        assertEquals(state("From"), contact);
        contact = contact.outbound(Presence.Type.SUBSCRIBE).state();
        user = user.inbound(Presence.Type.SUBSCRIBE).state();
        user = user.outbound(Presence.Type.SUBSCRIBED).state();
        contact = contact.inbound(Presence.Type.SUBSCRIBED).state();
        assertEquals(state("Both"), user);
        assertEquals(state("Both"), contact);
        assertTrue(SubscriptionState.NONE.isEmpty());
        assertFalse(user.isEmpty());
    }
}

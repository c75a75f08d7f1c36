package im.meerkat.server.roster;

import im.meerkat.xmpp.stanza.Presence;

/**
 * The subscription state of one roster item as RFC 6121 Appendix A defines it: the subscription,
 * a pending outbound request (the user asked the contact), a pending inbound request (the contact
 * asked the user) and a pre-approval (§3.4). The transition methods implement the tables of
 * Appendix A.2 (the contact's server, inbound) and A.3 (the user's server, outbound). Immutable.
 *
 * @param subscription none, to, from or both
 * @param pendingOut the user sent subscribe and has no answer yet ({@code ask='subscribe'})
 * @param pendingIn the contact sent subscribe and the user has not answered
 * @param approved the user pre-approved a subscription request of the contact
 */
public record SubscriptionState(Subscription subscription, boolean pendingOut, boolean pendingIn,
        boolean approved) {

    public static final SubscriptionState NONE =
            new SubscriptionState(Subscription.NONE, false, false, false);

    /** The user's server handles a subscription stanza the user sends (Appendix A.3). */
    public Outbound outbound(Presence.Type type) {
        Subscription s = subscription;
        switch (type) {
            case SUBSCRIBE:
                // A.3.1: the request is routed in every state; only none/from gain Pending Out
                if (s.to()) {
                    return new Outbound(this, true);
                }
                return new Outbound(with(s, true, pendingIn, approved), true);
            case UNSUBSCRIBE:
                // A.3.2: always routed; the subscription to the contact and Pending Out end
                return new Outbound(with(Subscription.of(false, s.from()), false, pendingIn,
                        approved), true);
            case SUBSCRIBED:
                if (pendingIn) {
                    // A.3.3: approving a pending request adds 'from'
                    return new Outbound(with(Subscription.of(s.to(), true), pendingOut, false,
                            false), true);
                }
                if (!s.from()) {
                    // §3.4.1: no request to approve: a pre-approval, not routed
                    return new Outbound(with(s, pendingOut, false, true), false);
                }
                return new Outbound(this, false);
            case UNSUBSCRIBED:
                // A.3.4: cancels 'from', denies a pending request, withdraws a pre-approval
                boolean route = s.from() || pendingIn;
                return new Outbound(with(Subscription.of(s.to(), false), pendingOut, false, false),
                        route);
            default:
                throw new IllegalArgumentException("not a subscription stanza: " + type);
        }
    }

    /**
     * The contact's server handles a subscription stanza that reaches the contact (Appendix
     * A.2); {@code this} is the contact's item for the sender.
     */
    public Inbound inbound(Presence.Type type) {
        Subscription s = subscription;
        switch (type) {
            case SUBSCRIBE:
                if (s.from()) {
                    return new Inbound(this, false, true); // A.2.1: auto-reply subscribed
                }
                if (approved) {
                    // §3.4.2: pre-approved: subscribed without asking the contact
                    return new Inbound(with(Subscription.of(s.to(), true), pendingOut, false,
                            false), false, true);
                }
                if (pendingIn) {
                    return new Inbound(this, false, false);
                }
                return new Inbound(with(s, pendingOut, true, approved), true, false);
            case UNSUBSCRIBE:
                if (!s.from() && !pendingIn) {
                    return new Inbound(this, false, false);
                }
                return new Inbound(with(Subscription.of(s.to(), false), pendingOut, false,
                        approved), true, false);
            case SUBSCRIBED:
                if (!pendingOut) {
                    return new Inbound(this, false, false); // A.2.3: not asked for: ignored
                }
                return new Inbound(with(Subscription.of(true, s.from()), false, pendingIn,
                        approved), true, false);
            case UNSUBSCRIBED:
                if (!s.to() && !pendingOut) {
                    return new Inbound(this, false, false);
                }
                return new Inbound(with(Subscription.of(false, s.from()), false, pendingIn,
                        approved), true, false);
            default:
                throw new IllegalArgumentException("not a subscription stanza: " + type);
        }
    }

    private static SubscriptionState with(Subscription s, boolean out, boolean in, boolean approved) {
        // A pre-approval only means something while the contact has no subscription (§3.4).
        return new SubscriptionState(s, out, in, approved && !s.from());
    }

    /** True when nothing is left that needs a stored item. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * The user's server's outcome.
     *
     * @param state the new state
     * @param route whether the stanza goes on to the contact
     */
    public record Outbound(SubscriptionState state, boolean route) {
    }

    /**
     * The contact's server's outcome.
     *
     * @param state the new state
     * @param deliver whether the stanza goes to the contact's resources
     * @param autoReply whether the server answers {@code subscribed} on the contact's behalf
     */
    public record Inbound(SubscriptionState state, boolean deliver, boolean autoReply) {
    }
}

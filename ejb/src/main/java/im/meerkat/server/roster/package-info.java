/**
 * Rosters and presence subscriptions (RFC 6121 §2, §3, §4; XEP-0237 roster versioning): the
 * stored roster, the subscription state machine of RFC 6121 Appendix A, the roster IQ, roster
 * pushes, and presence to and from contacts.
 */
package im.meerkat.server.roster;

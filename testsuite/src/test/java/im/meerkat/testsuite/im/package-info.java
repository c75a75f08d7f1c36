/**
 * Instant messaging over real sockets (RFC 6121 §2-4, XEP-0160, XEP-0237): rosters through
 * Smack's {@code Roster}, subscriptions, presence to contacts, offline messages.
 */
package im.meerkat.testsuite.im;

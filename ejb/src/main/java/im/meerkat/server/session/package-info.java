/**
 * Bound client sessions: the replicated session table (cache {@code sessions} of container
 * {@code xmpp}), resource binding and conflicts (RFC 6120 §7.7.2), and the hand-over to routing.
 */
package im.meerkat.server.session;

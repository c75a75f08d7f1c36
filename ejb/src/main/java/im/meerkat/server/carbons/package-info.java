/**
 * Message Carbons (XEP-0280, {@code urn:xmpp:carbons:2}): a client enables or disables carbons
 * for its session, and the server copies the one-to-one messages an account sends and receives
 * to the account's other carbons-enabled resources, wrapped in {@code <sent/>} or
 * {@code <received/>} with a forwarded copy (XEP-0297). The per-session flag lives in the
 * replicated session table, so every cluster node knows which resources want copies.
 */
package im.meerkat.server.carbons;

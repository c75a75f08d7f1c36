/**
 * Presence of a user's own sessions (RFC 6121 §4): broadcast to the user's resources, directed
 * presence and the unavailable presence at the end of a session.
 */
package im.meerkat.server.presence;

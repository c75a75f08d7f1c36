/**
 * Blocking Command (XEP-0191, {@code urn:xmpp:blocking}): a user's block list, kept in the
 * database and cached cluster-wide, the IQs that read and change it with pushes to the user's
 * resources, and its enforcement in routing: nothing from a blocked entity reaches the user,
 * nothing the user sends reaches a blocked entity (XEP-0191 §3 JID matching, §4.3 to §4.5).
 */
package im.meerkat.server.blocking;

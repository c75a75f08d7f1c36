/**
 * The cluster of equal nodes (architecture invariants 6 and 7): delivery to a session that
 * another node holds as one {@code CommandDispatcher} command to that node, roster pushes and
 * subscription presence for the interested resources a node holds (RFC 6121 §2.1.6, §3) as one
 * command to that node, ending a session on
 * another node (kick, account deletion, resource conflict of RFC 6120 §7.7.2.2), and the removal
 * of a lost node's session records with the unavailable presence of RFC 6121 §4.5.2. Commands
 * carry only strings (serialized XML), so the cluster marshaller needs no application types
 * beyond the command records themselves.
 */
package im.meerkat.server.cluster;

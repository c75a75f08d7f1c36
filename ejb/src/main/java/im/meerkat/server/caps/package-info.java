/**
 * Entity Capabilities, XEP-0115: the {@code <c/>} element of the presence clients broadcast, its
 * verification string checked by querying the client (§5.1, §5.4, §6.2) and cached by hash, and
 * the features of every session, which PEP filters its notifications by (XEP-0163 §4.4).
 */
package im.meerkat.server.caps;

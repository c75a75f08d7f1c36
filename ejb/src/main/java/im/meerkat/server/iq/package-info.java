/**
 * IQ requests the server answers itself (RFC 6120 §8.2.3, §10.3.3, §10.5.3.3): one {@link
 * im.meerkat.server.iq.IqHandler} per payload namespace, found by qualified name.
 */
package im.meerkat.server.iq;

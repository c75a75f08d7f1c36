/**
 * HTTP File Upload, XEP-0363 (namespace {@code urn:xmpp:http:upload:0}): the service at
 * {@code upload.<domain>} that hands out upload slots, the signed slot tokens the web module's
 * PUT checks, and the directory the files are kept in.
 */
package im.meerkat.server.upload;

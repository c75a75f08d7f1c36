/** Software Version, XEP-0092: the server's name and version. */
package im.meerkat.server.version;

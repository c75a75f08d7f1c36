/** XMPP Ping, XEP-0199: the server answers pings addressed to it or to the pinger's account. */
package im.meerkat.server.ping;

/**
 * Last Activity, XEP-0012: the server's uptime, and when a user who is offline was last
 * connected, which the server records as each session ends.
 */
package im.meerkat.server.lastactivity;

/** Entity Time, XEP-0202: the server's time in UTC and its offset from UTC. */
package im.meerkat.server.time;

/**
 * Offline messages (XEP-0160): storage of messages for accounts without an available resource,
 * delivery with delay stamps (XEP-0203) on initial presence, and the {@code msgoffline} feature.
 */
package im.meerkat.server.offline;

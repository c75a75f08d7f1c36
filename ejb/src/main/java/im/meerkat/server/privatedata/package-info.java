/**
 * Private XML Storage, XEP-0049: XML chunks a user stores on the server under the qualified name
 * of their root element, readable only by that user.
 */
package im.meerkat.server.privatedata;

/**
 * vCard-temp, XEP-0054: a user's own vCard, stored as XML text in the database, and other users'
 * vCards, which the server returns on their behalf.
 */
package im.meerkat.server.vcard;

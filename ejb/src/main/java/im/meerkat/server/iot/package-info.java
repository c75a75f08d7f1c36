/**
 * Internet of Things - Discovery, XEP-0347 (namespace {@code urn:xmpp:iot:discovery}): the thing
 * registry at {@code registry.<domain>}, where things register their meta tags (§3.6), owners
 * claim them by those tags (§3.9), disown (§3.17) and remove them (§3.10), and things unregister
 * (§3.16). Registrations are rows of the relational database.
 */
package im.meerkat.server.iot;

/**
 * {@code /upload}: the HTTP side of HTTP File Upload, XEP-0363 §4 and §6: the PUT of a slot's
 * file, checked against the slot's signed token, and the GET that serves it. See
 * {@code docs/WEB.md}.
 */
package im.meerkat.web.upload;

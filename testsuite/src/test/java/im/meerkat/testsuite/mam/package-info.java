/** Message archive (XEP-0313) and stanza ids (XEP-0359) through Smack's {@code MamManager}. */
package im.meerkat.testsuite.mam;

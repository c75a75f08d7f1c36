/**
 * IQ-based extensions the server answers itself, through Smack's managers: vCard-temp
 * (XEP-0054), Private XML Storage (XEP-0049), Last Activity (XEP-0012), Entity Time (XEP-0202)
 * and the XEP-0133 commands end-user-session, announce and the user counts.
 */
package im.meerkat.testsuite.xep;

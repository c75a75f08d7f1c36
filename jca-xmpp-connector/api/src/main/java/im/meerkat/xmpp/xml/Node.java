package im.meerkat.xmpp.xml;

/** A child of an element: another element or character data. */
public sealed interface Node permits Element, Text {
}

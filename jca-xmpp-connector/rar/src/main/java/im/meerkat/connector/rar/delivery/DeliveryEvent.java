package im.meerkat.connector.rar.delivery;

import im.meerkat.connector.api.CloseReason;
import im.meerkat.connector.api.ConnectionId;
import im.meerkat.connector.api.ConnectionInfo;
import im.meerkat.connector.api.StanzaListener;
import im.meerkat.connector.api.TransportSecurity;
import im.meerkat.xmpp.stream.StreamHeader;
import im.meerkat.xmpp.xml.Element;

/** One thing a connection read, waiting in its {@link Mailbox} to reach the listener. */
public sealed interface DeliveryEvent {

    /** Calls the listener method this event stands for. */
    void deliverTo(StanzaListener listener, ConnectionId id);

    /** The peer connected. */
    record Opened(ConnectionInfo info) implements DeliveryEvent {
        @Override
        public void deliverTo(StanzaListener listener, ConnectionId id) {
            listener.connectionOpened(id, info);
        }
    }

    /** The peer opened a stream. */
    record StreamOpened(StreamHeader header, TransportSecurity security) implements DeliveryEvent {
        @Override
        public void deliverTo(StanzaListener listener, ConnectionId id) {
            listener.streamOpened(id, header, security);
        }
    }

    /** A top-level element arrived. */
    record Received(Element element) implements DeliveryEvent {
        @Override
        public void deliverTo(StanzaListener listener, ConnectionId id) {
            listener.elementReceived(id, element);
        }
    }

    /** The peer closed its stream. */
    record StreamClosed() implements DeliveryEvent {
        @Override
        public void deliverTo(StanzaListener listener, ConnectionId id) {
            listener.streamClosed(id);
        }
    }

    /** The connection is gone: always the last event. */
    record Closed(CloseReason reason) implements DeliveryEvent {
        @Override
        public void deliverTo(StanzaListener listener, ConnectionId id) {
            listener.connectionClosed(id, reason);
        }
    }
}

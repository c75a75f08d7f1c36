package im.meerkat.connector.rar.net;

import java.io.IOException;

import im.meerkat.xmpp.error.StreamErrorException;

/** Carries a parse failure out of a {@link Transport.Sink}, which may only throw I/O errors. */
final class ParseFailure extends IOException {

    private final transient StreamErrorException error;

    ParseFailure(StreamErrorException error) {
        super(error.getMessage(), error);
        this.error = error;
    }

    StreamErrorException error() {
        return error;
    }
}

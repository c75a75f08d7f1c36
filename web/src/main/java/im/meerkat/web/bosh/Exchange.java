package im.meerkat.web.bosh;

/**
 * One HTTP request waiting for its answer: the servlet wraps an {@code AsyncContext}, tests a
 * recorder. Answering twice is ignored; an exchange the client gave up is answered into the void.
 */
interface Exchange {

    /** Sends HTTP 200 with this {@code <body/>}. */
    void respond(String body);
}

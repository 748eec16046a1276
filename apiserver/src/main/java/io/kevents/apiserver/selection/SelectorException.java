package io.kevents.apiserver.selection;

/** A label or field selector the server cannot parse or does not support (answered with 400 BadRequest). */
public final class SelectorException extends RuntimeException {

    public SelectorException(String message) {
        super(message);
    }
}

package io.nflab.routing;

import io.nflab.diagnostics.TextSyntaxException;

/** A route text that {@link RouteSpec#parse} refuses; names the offending word and its 0-based column. */
public final class RouteSyntaxException extends TextSyntaxException {

    public RouteSyntaxException(String route, String offendingWord, int column, String problem) {
        super("invalid route `" + route + "': " + problem, offendingWord, column);
    }
}

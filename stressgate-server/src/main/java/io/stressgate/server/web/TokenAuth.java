package io.stressgate.server.web;

import io.javalin.http.Context;
import io.stressgate.server.store.Scope;
import io.stressgate.server.store.Token;
import io.stressgate.server.store.TokenStore;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the bearer token of a request against the token store; the token itself never appears in an answer, a log
 * or an exception. Tokens in the query string are refused outright, since URLs end up in logs and browser history.
 */
final class TokenAuth {
    private static final Set<String> TOKEN_PARAMETERS = Set.of("token", "access_token", "api_key", "apikey", "key", "auth",
            "authorization", "bearer");

    private final TokenStore tokens;

    TokenAuth(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** The valid token of the request with at least the scope needed: else 401 (none or invalid) or 403 (scope). */
    Token require(Context ctx, Scope needed) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthorized("a token is required: send Authorization: Bearer <token>");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("only Bearer tokens are accepted");
        }
        Token token = tokens.verify(header.substring(7).trim())
                .orElseThrow(() -> unauthorized("the token is not valid (unknown, expired or revoked)"));
        if (!token.scope().allows(needed)) {
            throw new ApiException(403, "forbidden", "token " + token.name() + " may only " + token.scope().name()
                    .toLowerCase(Locale.ROOT) + ", and this needs " + needed.name().toLowerCase(Locale.ROOT), null, null);
        }
        return token;
    }

    /** Refuses a request that carries anything looking like a token in its query string. */
    static void refuseTokensInQuery(Context ctx) {
        for (Map.Entry<String, java.util.List<String>> e : ctx.queryParamMap().entrySet()) {
            boolean named = TOKEN_PARAMETERS.contains(e.getKey().toLowerCase(Locale.ROOT));
            boolean shaped = e.getValue().stream().anyMatch(v -> v.startsWith("sgt_"));
            if (named || shaped) {
                throw new ApiException(400, "token_in_query", "tokens are not accepted in the query string (URLs are logged); "
                        + "send Authorization: Bearer <token>", Map.of("parameter", e.getKey()), null);
            }
        }
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, null, null);
    }
}

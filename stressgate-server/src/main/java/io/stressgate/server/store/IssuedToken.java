package io.stressgate.server.store;

/** A token just created: the secret to hand to its user once, and what is stored about it. */
public record IssuedToken(String secret, Token token) {
    @Override
    public String toString() {
        return "IssuedToken[" + token + ", secret hidden]";
    }
}

package dev.boxoffice.server.auth;

/** An account: {@code role} is {@code user} or {@code operator}. */
public record User(String id, String email, String passwordHash, String role) {

    public static final String USER = "user";
    public static final String OPERATOR = "operator";
}

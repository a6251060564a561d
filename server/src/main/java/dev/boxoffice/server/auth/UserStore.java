package dev.boxoffice.server.auth;

import dev.boxoffice.engine.store.StoredTimes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Accounts in {@code api.db}; emails are stored lower-cased and are unique. */
@Singleton
public class UserStore {

    private final Jdbi jdbi;
    private final Clock clock;

    public UserStore(Jdbi apiJdbi, Clock clock) {
        this.jdbi = apiJdbi;
        this.clock = clock;
    }

    /** Creates an account, or returns empty when the email is taken. */
    public Optional<User> create(String email, String passwordHash, String role) {
        User user = new User(UUID.randomUUID().toString(), email, passwordHash, role);
        int inserted = jdbi.withHandle(h -> h.createUpdate("INSERT INTO users (id, email, password_hash, role, "
                        + "created_at) VALUES (:id, :email, :hash, :role, :at) ON CONFLICT DO NOTHING")
                .bind("id", user.id()).bind("email", email).bind("hash", passwordHash).bind("role", role)
                .bind("at", StoredTimes.format(clock.instant())).execute());
        return inserted == 1 ? Optional.of(user) : Optional.empty();
    }

    /** Gives an existing account a new password hash and role. */
    public void update(String userId, String passwordHash, String role) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET password_hash = :hash, role = :role WHERE id = :id")
                .bind("hash", passwordHash).bind("role", role).bind("id", userId).execute());
    }

    /** The emails of the accounts with these ids (ids without an account are left out). */
    public java.util.Map<String, String> emails(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, String> emails = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT id, email FROM users WHERE id IN (<ids>)")
                .bindList("ids", java.util.List.copyOf(new java.util.HashSet<>(ids)))
                .map((rs, ctx) -> emails.put(rs.getString("id"), rs.getString("email"))).list());
        return emails;
    }

    public Optional<User> byEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE email = :email").bind("email", email)
                .map((rs, ctx) -> new User(rs.getString("id"), rs.getString("email"), rs.getString("password_hash"),
                        rs.getString("role")))
                .findOne());
    }
}

package dev.boxoffice.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where the stores live, under {@code boxoffice.database.*} (env {@code BOXOFFICE_DATABASE_URL}, {@code _USER},
 * {@code _PASSWORD}): a PostgreSQL database, a schema per store ({@code tickets}, {@code orders}, {@code expiration},
 * {@code payments}, {@code gateway}, and the server's own {@code api}), which several servers can share. Without a
 * URL, SQLite files in the data directory.
 *
 * @param url      e.g. {@code jdbc:postgresql://db.internal:5432/boxoffice}
 * @param user     the database user
 * @param password its password
 */
@ConfigurationProperties("boxoffice.database")
public record DatabaseConfiguration(@Nullable String url, @Nullable String user, @Nullable String password) {

    /** Whether the stores are on PostgreSQL. */
    public boolean postgres() {
        return url != null && !url.isBlank();
    }
}

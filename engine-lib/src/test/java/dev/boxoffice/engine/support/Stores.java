package dev.boxoffice.engine.support;

import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.store.Storage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases the engine's stores run on, for tests that run the same code on each ({@code @ParameterizedClass
 * @MethodSource("dev.boxoffice.engine.support.Stores#underTest")}). An engine's data directory stands for its
 * PostgreSQL database too: the same directory (an engine restarted on it, in this JVM) finds the same database.
 * {@code -Dstores=POSTGRESQL} runs such tests on one kind alone (a failing seed's replay command says so).
 */
public enum Stores {

    /** The embedded default: SQLite files in the data directory. */
    SQLITE {
        @Override
        public BoxOfficeBuilder on(BoxOfficeBuilder builder, Path dataDirectory) {
            return builder.dataDirectory(dataDirectory);
        }

        @Override
        public BoxOfficeBuilder fresh(BoxOfficeBuilder builder) {
            return builder;
        }

        @Override
        public List<String> childArguments(Path dataDirectory) {
            return List.of();
        }

        @Override
        public Storage storage(Path dataDirectory) {
            return Storage.sqlite(dataDirectory, false);
        }
    },

    /** A database of its own on the embedded PostgreSQL of {@link Postgres}. */
    POSTGRESQL {
        @Override
        public BoxOfficeBuilder on(BoxOfficeBuilder builder, Path dataDirectory) {
            return builder.dataDirectory(dataDirectory).storage(postgres(dataDirectory));
        }

        @Override
        public BoxOfficeBuilder fresh(BoxOfficeBuilder builder) {
            return builder.storage(Storage.postgres(Postgres.newDatabase(), "postgres", "postgres"));
        }

        @Override
        public List<String> childArguments(Path dataDirectory) {
            return List.of(databaseOf(dataDirectory));
        }

        @Override
        public Storage storage(Path dataDirectory) {
            return postgres(dataDirectory);
        }
    };

    /** Gives the builder new, empty stores of this kind (SQLite: those of the data directory it is given). */
    public abstract BoxOfficeBuilder fresh(BoxOfficeBuilder builder);

    /** Every kind, or the one named by {@code -Dstores}. */
    public static List<Stores> underTest() {
        String only = System.getProperty("stores");
        return only == null || only.isBlank() ? List.of(values()) : List.of(valueOf(only.trim()));
    }

    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

    /** Gives the builder this data directory, and stores of this kind. */
    public abstract BoxOfficeBuilder on(BoxOfficeBuilder builder, Path dataDirectory);

    /** The storage of this kind that stands with a data directory, for tests below the engine. */
    public abstract Storage storage(Path dataDirectory);

    /** What a child JVM running an engine on this data directory needs to find the same stores. */
    public abstract List<String> childArguments(Path dataDirectory);

    /** The PostgreSQL storage that stands with a data directory (created on first use). */
    public static Storage postgres(Path dataDirectory) {
        return Storage.postgres(databaseOf(dataDirectory), "postgres", "postgres");
    }

    private static String databaseOf(Path dataDirectory) {
        return DATABASES.computeIfAbsent(dataDirectory.toAbsolutePath(), dir -> Postgres.newDatabase());
    }
}

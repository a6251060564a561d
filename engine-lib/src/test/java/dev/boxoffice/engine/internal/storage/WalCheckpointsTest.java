package dev.boxoffice.engine.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.Await;
import dev.boxoffice.engine.support.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A store's write-ahead log is checkpointed in the background, not by the commit that fills it. */
class WalCheckpointsTest {

    private static final int ROWS = 200;

    private final ScratchStore store = new ScratchStore("wal-checkpoints", 2);
    private final Path copies = TempDirs.create("wal-checkpoint-copies");

    @AfterEach
    void close() {
        store.close();
        TempDirs.delete(copies);
    }

    @Test
    void shouldCopyWhatWasCommittedIntoTheDatabaseFile_whileNoCommitHasFilledTheLog() {
        Jdbi jdbi = store.jdbi();
        jdbi.useHandle(h -> h.execute("CREATE TABLE seats (id INTEGER PRIMARY KEY, label TEXT)"));
        // a commit each: a few hundred pages of log, far below the size at which a commit would checkpoint it
        for (int i = 0; i < ROWS; i++) {
            int id = i;
            jdbi.useTransaction(h -> h.execute("INSERT INTO seats (id, label) VALUES (?, ?)", id, "seat " + id));
        }
        assertThat(ROWS * 2).isLessThan(SqliteFiles.WAL_AUTOCHECKPOINT_PAGES);

        // the database file alone, without its log, holds every row once a checkpoint has copied them over
        Await.until("the database file alone to hold all " + ROWS + " rows", Duration.ofSeconds(10),
                () -> rowsInACopyOfTheDatabaseFileAlone() == ROWS);
    }

    @Test
    void shouldStopCheckpointing_whenThePoolCloses_soThatTheLastConnectionRemovesTheLog() {
        store.jdbi().useHandle(h -> h.execute("CREATE TABLE seats (id INTEGER PRIMARY KEY)"));
        Path log = store.file().resolveSibling(store.file().getFileName() + "-wal");
        assertThat(log).exists();

        store.closePool();

        assertThat(log).as("a connection still open would keep the log").doesNotExist();
    }

    /** Rows of {@code seats} in a copy of the database file made without its log (-1 while there is no table). */
    private int rowsInACopyOfTheDatabaseFileAlone() {
        Path copy = copies.resolve("copy-" + System.nanoTime() + ".db");
        try {
            Files.copy(store.file(), copy, StandardCopyOption.REPLACE_EXISTING);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM seats")) {
                return rs.getInt(1);
            }
        } catch (SQLException | java.io.IOException e) {
            return -1; // no table yet in the file, or a copy torn by a checkpoint under way
        }
    }
}

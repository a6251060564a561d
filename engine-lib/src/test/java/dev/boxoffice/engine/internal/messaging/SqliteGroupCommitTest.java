package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.support.TempDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Group commit on a SQLite file, every commit flushed to disk. */
class SqliteGroupCommitTest extends GroupCommitContract {

    private final List<Path> directories = new ArrayList<>();

    @Override
    Storage emptyStorage() {
        Path dir = TempDirs.create("group-commit");
        directories.add(dir);
        return Storage.sqlite(dir, true);
    }

    @AfterEach
    void deleteDirectories() {
        directories.forEach(TempDirs::delete);
    }
}

package dev.boxoffice.engine.store;

import dev.boxoffice.engine.support.TempDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The storage contract on SQLite files in a temporary data directory. */
class SqliteStorageContractTest extends StorageContract {

    private final List<Path> directories = new ArrayList<>();

    @Override
    Storage emptyStorage() {
        Path dir = TempDirs.create("storage-contract");
        directories.add(dir);
        return Storage.sqlite(dir, false);
    }

    @AfterEach
    void deleteDirectories() {
        directories.forEach(TempDirs::delete);
    }
}

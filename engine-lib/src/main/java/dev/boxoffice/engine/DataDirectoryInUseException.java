package dev.boxoffice.engine;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Another engine (in this process or another) has the data directory: two engines on one directory would each
 * keep their own idea of the event log's position and break each other's writes. Nothing was opened; the engine
 * that holds the directory is untouched.
 */
public class DataDirectoryInUseException extends BoxOfficeException {

    private final Path directory;
    private final Long holderPid;

    public DataDirectoryInUseException(Path directory, Long holderPid) {
        super("Data directory " + directory + " is in use by another Boxoffice engine"
                + (holderPid == null ? "" : " (process " + holderPid + ")")
                + ": stop that one first, or use another data directory");
        this.directory = directory;
        this.holderPid = holderPid;
    }

    /** The directory that is in use. */
    public Path directory() {
        return directory;
    }

    /** The process id of the engine that holds it, when it could be read. */
    public OptionalLong holderPid() {
        return holderPid == null ? OptionalLong.empty() : OptionalLong.of(holderPid);
    }
}

package dev.boxoffice.engine.internal.storage;

import dev.boxoffice.engine.DataDirectoryInUseException;
import dev.boxoffice.engine.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <data directory>/boxoffice.lock}, held for an engine's life: released by
 * {@link #close()} and, when the process dies (even by {@code kill -9}), by the operating system. The file holds
 * the holder's process id, so that a refused engine can say who has the directory.
 */
public final class DataDirectoryLock implements AutoCloseable {

    /** The lock file's name inside the data directory. */
    public static final String FILE_NAME = "boxoffice.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and locks it.
     *
     * @throws DataDirectoryInUseException if another engine holds it
     * @throws StorageException            if the directory cannot be created or the lock file written
     */
    public static DataDirectoryLock acquire(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageException("Cannot use data directory " + dir + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another engine in this process
            }
            if (lock == null) {
                Long holder = holderPid(channel);
                channel.close();
                throw new DataDirectoryInUseException(dir, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException("Cannot lock data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Long holderPid(FileChannel channel) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(32);
            channel.read(bytes, 0);
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? null : Long.valueOf(text);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}

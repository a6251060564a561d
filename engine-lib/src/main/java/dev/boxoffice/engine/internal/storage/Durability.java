package dev.boxoffice.engine.internal.storage;

/** How hard SQLite works to keep a commit: the {@code synchronous} pragma used for every database file. */
public enum Durability {
    /** {@code synchronous=FULL}: a commit survives a crash of the process and of the machine. */
    FULL,
    /** {@code synchronous=NORMAL}: a commit survives a crash of the process; a power cut may lose the last ones. */
    NORMAL
}

package dev.boxoffice.engine.store;

/**
 * How a service's store committed the commands it was given since the engine started: on SQLite, commands that
 * arrive together share one transaction (group commit: one commit, one flush to disk); on PostgreSQL each runs in
 * a transaction of its own.
 *
 * @param store    the service's store, e.g. {@code orders}
 * @param commands commands committed (placements, cancellations, ticket edits; a refused one is not counted)
 * @param commits  the transactions that carried them
 */
public record CommitCounts(String store, long commands, long commits) {

    /** What was committed between {@code earlier} (a reading of the same store) and this reading. */
    public CommitCounts since(CommitCounts earlier) {
        return new CommitCounts(store, commands - earlier.commands, commits - earlier.commits);
    }

    /** Commands per commit: 1 when nothing shares, up to the number of callers at once under load. */
    public double commandsPerCommit() {
        return commits == 0 ? 0 : (double) commands / commits;
    }
}

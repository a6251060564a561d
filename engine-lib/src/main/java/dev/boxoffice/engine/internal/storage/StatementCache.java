package dev.boxoffice.engine.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;

/**
 * Keeps prepared statements per SQLite connection and hands them out again for the same SQL, so that a statement
 * is parsed and planned once per connection rather than on every use (Jdbi prepares anew each time; preparing was
 * about a quarter of a placement's time).
 *
 * <p>A statement leaves the cache while in use and returns when Jdbi closes it (after its result set), so two uses
 * of the same SQL at once, e.g. a query run while iterating another, each get their own. Statements are prepared
 * on the physical connection, not on the pool's proxy, so that the pool does not close them when the connection is
 * handed back; SQLite finalizes them when the connection closes. Statements that return generated keys or
 * updatable results are not cached.
 */
final class StatementCache implements StatementBuilderFactory {

    /** Distinct statements kept per connection; the least recently returned is closed beyond this. */
    static final int PER_CONNECTION = 256;

    private final Map<Connection, CachingBuilder> builders = new ConcurrentHashMap<>();

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        Connection physical;
        try {
            physical = connection.unwrap(SQLiteConnection.class);
        } catch (SQLException notSqlite) {
            return new DefaultStatementBuilder();
        }
        CachingBuilder builder = builders.get(physical);
        if (builder == null) {
            // a new connection: forget those the pool has closed since
            builders.keySet().removeIf(StatementCache::isClosed);
            builder = builders.computeIfAbsent(physical, CachingBuilder::new);
        }
        return builder;
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * The statements of one connection. A connection is used by one thread at a time (the pool hands it over),
     * so neither map needs a lock.
     */
    private static final class CachingBuilder extends DefaultStatementBuilder {

        private final Connection physical;
        private final Map<String, PreparedStatement> idle = new LinkedHashMap<>();
        /** Statements handed out, with the SQL they were prepared from (Jdbi closes them by its unparsed SQL). */
        private final Map<Statement, String> inUse = new IdentityHashMap<>();

        CachingBuilder(Connection physical) {
            this.physical = physical;
        }

        @Override
        public PreparedStatement create(Connection connection, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
                return super.create(connection, sql, ctx);
            }
            PreparedStatement statement = idle.remove(sql);
            if (statement == null || statement.isClosed()) {
                statement = physical.prepareStatement(sql);
            }
            inUse.put(statement, sql);
            return statement;
        }

        @Override
        public void close(Connection connection, String sql, Statement statement) throws SQLException {
            String prepared = inUse.remove(statement);
            if (prepared == null) {
                super.close(connection, sql, statement);
                return;
            }
            if (statement.isClosed()) {
                return;
            }
            try {
                ((PreparedStatement) statement).clearParameters();
            } catch (SQLException broken) {
                statement.close();
                throw broken;
            }
            PreparedStatement replaced = idle.put(prepared, (PreparedStatement) statement);
            if (replaced != null) {
                replaced.close();
            }
            if (idle.size() > PER_CONNECTION) {
                var eldest = idle.entrySet().iterator();
                PreparedStatement evicted = eldest.next().getValue();
                eldest.remove();
                evicted.close();
            }
        }
    }
}

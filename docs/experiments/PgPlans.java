import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * How PostgreSQL plans the settlement and timers loops' reads once they are prepared statements run many times: on
 * an embedded PostgreSQL it starts, tables shaped as the payments and expiration stores' (their partial indexes,
 * 500,000 settled payments and 500,000 finished timers), each query prepared and run 8 times, then its plan with
 * `EXPLAIN ANALYZE EXECUTE` and how often it was planned for the values at hand or once for all
 * (`pg_prepared_statements`). Behind the comment on `PaymentService.ANYTHING_TO_SETTLE` ("Loops with nothing pending
 * wait for a commit" in the README). Run from the repository's root after a build:
 *
 * <pre>
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/PgPlans.java
 * </pre>
 *
 * Measured here: `anything_bound` (the status a parameter) went to the plan for all values after five runs, a scan of
 * every payment in 28 ms; `anything_written` (the status written out, as the engine has it) used the partial index
 * in 0.01–0.02 ms; `stale`, `due` and `soonest` kept the index.
 */
public class PgPlans {

    private static final String[] PREPARED = {
        "anything_bound(text) AS SELECT EXISTS (SELECT 1 FROM payments WHERE settlement IS NOT NULL OR status = $1)",
        "anything_written AS SELECT EXISTS (SELECT 1 FROM payments WHERE settlement IS NOT NULL "
                + "OR status = 'authorizing')",
        "stale(text, text) AS SELECT * FROM payments WHERE status = $1 AND created_at <= $2 ORDER BY created_at "
                + "LIMIT 16",
        "due(text) AS SELECT id FROM payments WHERE settlement IS NOT NULL AND (settling_until IS NULL "
                + "OR settling_until <= $1) ORDER BY created_at LIMIT 64",
        "soonest(text) AS SELECT expires_at FROM order_timers WHERE status = $1 AND fired_at IS NULL "
                + "ORDER BY expires_at LIMIT 1",
    };
    private static final String[] EXECUTED = {
        "anything_bound('authorizing')", "anything_written", "stale('authorizing', '9999')", "due('9999')",
        "soonest('created')",
    };

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE payments (id TEXT PRIMARY KEY, settlement TEXT, status TEXT, created_at TEXT, "
                    + "settling_until TEXT)");
            s.execute("CREATE INDEX payments_to_settle ON payments (created_at) "
                    + "WHERE settlement IS NOT NULL OR status = 'authorizing'");
            s.execute("INSERT INTO payments SELECT 'p' || g, NULL, 'captured', lpad(g::text, 10, '0'), NULL "
                    + "FROM generate_series(1, 500000) g");
            s.execute("CREATE TABLE order_timers (order_id TEXT PRIMARY KEY, version BIGINT, status TEXT, "
                    + "expires_at TEXT, fired_at TEXT, correlation_id TEXT)");
            s.execute("CREATE INDEX order_timers_due ON order_timers (expires_at, order_id) "
                    + "WHERE status = 'created' AND fired_at IS NULL");
            s.execute("INSERT INTO order_timers SELECT 'o' || g, 1, 'completed', lpad(g::text, 10, '0'), NULL, 'c' "
                    + "FROM generate_series(1, 500000) g");
            s.execute("ANALYZE");
            for (String statement : PREPARED) {
                s.execute("PREPARE " + statement);
            }
            for (int run = 0; run < 8; run++) {
                for (String execute : EXECUTED) {
                    s.execute("EXECUTE " + execute);
                }
            }
            for (String execute : EXECUTED) {
                System.out.println("== " + execute);
                print(s, "EXPLAIN ANALYZE EXECUTE " + execute);
            }
            System.out.println("== planned for the values at hand (custom) or once for all (generic)");
            print(s, "SELECT name, custom_plans, generic_plans FROM pg_prepared_statements ORDER BY name");
        }
    }

    private static void print(Statement s, String query) throws Exception {
        try (ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    line.append(i > 1 ? "  " : "").append(rs.getString(i));
                }
                System.out.println(line);
            }
        }
    }
}

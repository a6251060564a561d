import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import java.util.UUID;

/**
 * The embedded log's table of events (as {@code bus.db} creates it, with its unique index on event ids), filled
 * with 100,000 events and then 40,000 more in transactions of a given size, each event looked up, inserted and
 * given a pending row as a publish does: random ids (UUID version 4) against ids in the order they are taken
 * (version 7, as the engine now makes them). Prints µs and KB of WAL per event of the 40,000. Behind "Event ids in
 * the order they are taken" in the README. Run from the repository's root after a build:
 *
 * <pre>
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/EventIdOrder.java random 10
 * java -cp demo-simulator/target/boxoffice-simulator.jar docs/experiments/EventIdOrder.java ordered 10
 * </pre>
 */
public class EventIdOrder {

    public static void main(String[] args) throws Exception {
        boolean ordered = args[0].equals("ordered");
        int batch = Integer.parseInt(args[1]);
        int before = 100_000;
        TimeBasedEpochGenerator v7 = new TimeBasedEpochGenerator(new Random(1));
        Path dir = Files.createTempDirectory("event-id-order");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bus.db"))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA wal_autocheckpoint=0"); // the WAL's growth is the measure
                s.execute("CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                        + "event_id TEXT NOT NULL UNIQUE, subject TEXT NOT NULL, aggregate_id TEXT NOT NULL, "
                        + "version INTEGER NOT NULL, occurred_at TEXT NOT NULL, correlation_id TEXT NOT NULL, "
                        + "payload TEXT NOT NULL)");
                s.execute("CREATE INDEX messages_by_subject ON messages (subject, seq)");
                s.execute("CREATE TABLE pending (group_name TEXT NOT NULL, seq INTEGER NOT NULL, "
                        + "deliveries INTEGER NOT NULL, PRIMARY KEY (group_name, seq)) WITHOUT ROWID");
            }
            c.setAutoCommit(false);
            String payload = "{\"id\":\"" + UUID.randomUUID() + "\",\"version\":3,\"title\":\"Opera\","
                    + "\"price\":{\"amount\":1234,\"currency\":\"USD\"},\"userId\":\"seller\"}";
            PreparedStatement known = c.prepareStatement("SELECT 1 FROM messages WHERE event_id = ?");
            PreparedStatement insert = c.prepareStatement("INSERT INTO messages (event_id, subject, aggregate_id, "
                    + "version, occurred_at, correlation_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement pending = c.prepareStatement(
                    "INSERT INTO pending (group_name, seq, deliveries) VALUES ('orders', last_insert_rowid(), 0)");
            PreparedStatement acked = c.prepareStatement(
                    "DELETE FROM pending WHERE group_name = 'orders' AND seq <= ?");
            Random random = new Random(7);
            long started = 0;
            for (int i = 0; i < before + 40_000; i += batch) {
                if (i == before) {
                    c.commit();
                    try (Statement s = c.createStatement()) {
                        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                    }
                    started = System.nanoTime();
                }
                for (int j = 0; j < batch; j++) {
                    String id = (ordered ? v7.generate() : UUID.randomUUID()).toString();
                    known.setString(1, id);
                    try (ResultSet rs = known.executeQuery()) {
                        rs.next();
                    }
                    insert.setString(1, id);
                    insert.setString(2, "ticket:updated");
                    insert.setString(3, "t" + random.nextInt(100));
                    insert.setLong(4, i);
                    insert.setString(5, "2026-12-03T00:00:00Z");
                    insert.setString(6, "c");
                    insert.setString(7, payload);
                    insert.executeUpdate();
                    pending.executeUpdate();
                }
                acked.setLong(1, Math.max(0, i - 200));
                acked.executeUpdate();
                c.commit();
            }
            double micros = (System.nanoTime() - started) / 1e3 / 40_000;
            double kb = Files.size(dir.resolve("bus.db-wal")) / 1024.0 / 40_000;
            System.out.printf("%s ids, transactions of %d: %.1f us and %.1f KB of WAL per event%n",
                    ordered ? "ordered" : "random", batch, micros, kb);
        }
    }
}

package dev.boxoffice.engine.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Values bound through the engine's Jdbi come back as they went in, present or null, common type or not. */
class CommonArgumentsTest {

    private final ScratchStore store = new ScratchStore("common-arguments", 1);
    private final Jdbi jdbi = store.jdbi();

    @AfterEach
    void close() {
        store.close();
    }

    private Map<String, Object> roundTrip(Object text, Object whole, Object small, Object flag, Object decimal) {
        return jdbi.withHandle(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS t (text TEXT, whole INTEGER, small INTEGER, flag INTEGER, "
                    + "decimal TEXT)");
            h.execute("DELETE FROM t");
            h.createUpdate("INSERT INTO t VALUES (:text, :whole, :small, :flag, :decimal)").bind("text", text)
                    .bind("whole", whole).bind("small", small).bind("flag", flag).bind("decimal", decimal).execute();
            return h.createQuery("SELECT text, typeof(text) AS text_type, whole, typeof(whole) AS whole_type, "
                    + "small, flag, decimal FROM t").mapToMap().one();
        });
    }

    @Test
    void shouldBindTextNumbersAndBooleans_asTheirSqlTypes() {
        Map<String, Object> row = roundTrip("Opera", 9_000_000_000L, 42, true, new BigDecimal("12.50"));

        assertThat(row).containsEntry("text", "Opera").containsEntry("text_type", "text")
                .containsEntry("whole", 9_000_000_000L).containsEntry("whole_type", "integer")
                .containsEntry("small", 42).containsEntry("flag", 1).containsEntry("decimal", "12.50");
    }

    @Test
    void shouldBindNullsOfEveryType() {
        Map<String, Object> row = jdbi.withHandle(h -> {
            h.execute("CREATE TABLE t (text TEXT, whole INTEGER, small INTEGER, flag INTEGER)");
            h.createUpdate("INSERT INTO t VALUES (:text, :whole, :small, :flag)").bindByType("text", null, String.class)
                    .bindByType("whole", null, Long.class).bindByType("small", null, Integer.class)
                    .bindByType("flag", null, Boolean.class).execute();
            return h.createQuery("SELECT typeof(text) AS a, typeof(whole) AS b, typeof(small) AS c, typeof(flag) AS d "
                    + "FROM t").mapToMap().one();
        });

        assertThat(row).containsOnly(Map.entry("a", "null"), Map.entry("b", "null"), Map.entry("c", "null"),
                Map.entry("d", "null"));
    }

    @Test
    void shouldBindPrimitives_andFalse() {
        long whole = jdbi.withHandle(h -> h.createQuery("SELECT :v + 1").bind("v", 41L).mapTo(Long.class).one());
        int small = jdbi.withHandle(h -> h.createQuery("SELECT :v * 2").bind("v", 21).mapTo(Integer.class).one());
        int flag = jdbi.withHandle(h -> h.createQuery("SELECT :v").bind("v", false).mapTo(Integer.class).one());

        assertThat(whole).isEqualTo(42L);
        assertThat(small).isEqualTo(42);
        assertThat(flag).isZero();
    }
}

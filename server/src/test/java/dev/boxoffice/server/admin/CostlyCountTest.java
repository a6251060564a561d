package dev.boxoffice.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stats' whole-table counts: read anew when cheap, kept for ten times their cost when not, on a manual ticker. */
class CostlyCountTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger reads = new AtomicInteger();

    /** A count whose every read takes {@code costNanos} on the ticker and answers how many reads there have been. */
    private CostlyCount<Integer> costing(long costNanos) {
        return new CostlyCount<>(() -> {
            now.addAndGet(costNanos);
            return reads.incrementAndGet();
        }, now::get);
    }

    @Test
    void shouldReadACheapCountAnewEveryTime() {
        CostlyCount<Integer> count = costing(CostlyCount.CHEAP_NANOS);

        assertThat(count.get()).isEqualTo(1);
        assertThat(count.get()).isEqualTo(2);
        assertThat(count.get()).isEqualTo(3);
    }

    @Test
    void shouldKeepACostlyCountForTenTimesItsCost() {
        long cost = 400_000_000L; // a million orders counted by status
        CostlyCount<Integer> count = costing(cost);

        assertThat(count.get()).isEqualTo(1);
        now.addAndGet(CostlyCount.PAYBACK * cost - 1);
        assertThat(count.get()).as("just before its cost is paid back").isEqualTo(1);
        now.addAndGet(1);
        assertThat(count.get()).as("read again").isEqualTo(2);
        assertThat(count.get()).isEqualTo(2);
    }

    @Test
    void shouldReadEveryTimeAgainOnceTheCountHasBecomeCheap() {
        AtomicLong cost = new AtomicLong(100_000_000L);
        CostlyCount<Integer> count = new CostlyCount<>(() -> {
            now.addAndGet(cost.get());
            return reads.incrementAndGet();
        }, now::get);

        assertThat(count.get()).isEqualTo(1);
        now.addAndGet(CostlyCount.PAYBACK * cost.get());
        cost.set(1_000_000L); // the table was pruned
        assertThat(count.get()).isEqualTo(2);
        assertThat(count.get()).isEqualTo(3);
    }
}

package dev.boxoffice.engine.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Calls made at once from threads of their own, released together, for tests of what concurrency must not break. */
public final class Race {

    private Race() {
    }

    /**
     * Runs {@code call(0)} to {@code call(n - 1)} at once, one thread each, and returns each call's outcome in order:
     * what it returned, or the {@link RuntimeException} it threw (a refusal is an outcome too).
     */
    public static List<Object> of(int n, IntFunction<Object> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int caller = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return call.apply(caller);
                    } catch (RuntimeException refused) {
                        return refused;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}

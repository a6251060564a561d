package dev.boxoffice.simulator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed number of buyers placing a fixed list of orders at once: each buyer takes its own share of the tickets
 * and places them one after another. The figure is placements per second from the start signal until the last
 * buyer is answered.
 */
final class Crowd {

    /** One placement by buyer {@code buyer} for {@code ticketId}; throws if it was not placed. */
    interface Placement {
        void place(int buyer, String ticketId) throws Exception;
    }

    private final int buyers;

    Crowd(int buyers) {
        this.buyers = buyers;
    }

    double placementsPerSecond(List<String> ticketIds, Placement placement) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int b = 0; b < buyers; b++) {
                int buyer = b;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = buyer; i < ticketIds.size(); i += buyers) {
                        placement.place(buyer, ticketIds.get(i));
                    }
                    return null;
                }));
            }
            long begin = System.nanoTime();
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            return ticketIds.size() / ((System.nanoTime() - begin) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}

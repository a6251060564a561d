package dev.boxoffice.server.crash;

import dev.boxoffice.engine.payment.ChargeRequest;
import dev.boxoffice.engine.payment.PaymentGateway;
import dev.boxoffice.server.Application;
import dev.boxoffice.server.config.EngineCustomizer;
import io.micronaut.runtime.Micronaut;
import java.util.concurrent.CountDownLatch;

/**
 * The real server in a process of its own, for tests that kill it with SIGKILL. With
 * {@code -Dtest.gateway.never-answers=true} its card processor never answers an authorization, so a payment stays
 * in flight until the process is killed.
 */
public final class CrashableServer {

    static final String NEVER_ANSWERS = "test.gateway.never-answers";

    private CrashableServer() {
    }

    public static void main(String[] args) {
        Micronaut server = Micronaut.build(args).mainClass(Application.class);
        if (Boolean.getBoolean(NEVER_ANSWERS)) {
            server.singletons((EngineCustomizer) builder -> builder.paymentGateway(new NeverAnswering()));
        }
        server.start();
    }

    /** A card processor that takes an authorization and never answers it. */
    private static final class NeverAnswering implements PaymentGateway {
        private final CountDownLatch never = new CountDownLatch(1);

        @Override
        public String authorize(ChargeRequest request) {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("The card processor never answers");
        }

        @Override
        public void capture(String chargeId) {
            throw new IllegalStateException("The card processor never answers");
        }

        @Override
        public void release(String chargeId) {
            throw new IllegalStateException("The card processor never answers");
        }
    }
}

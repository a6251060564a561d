package dev.boxoffice.engine.support;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.opentest4j.TestAbortedException;

/**
 * The seeds of a {@link SeededTest}, and the replay command a failing seed is reported with.
 */
public final class Seeds implements ArgumentsProvider, AnnotationConsumer<SeededTest>, InvocationInterceptor {

    /** The base the seeds of a run are drawn from, unless {@code -Dseed.base} says otherwise. */
    public static final long DEFAULT_BASE = 20_261_201L;

    private int count;

    @Override
    public void accept(SeededTest annotation) {
        count = annotation.value();
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return Stream.of(seeds(count)).map(Arguments::of);
    }

    /**
     * The seeds of a run: the one given with {@code -Dseed}, or {@code count} (or {@code -Dseed.count}) seeds drawn
     * from {@code -Dseed.base} or {@link #DEFAULT_BASE}.
     */
    public static Long[] seeds(int count) {
        if (replayingOne()) {
            return new Long[] {Long.parseLong(System.getProperty("seed").strip())};
        }
        SplittableRandom draws = new SplittableRandom(Long.getLong("seed.base", DEFAULT_BASE));
        int n = Integer.getInteger("seed.count", count);
        Long[] seeds = new Long[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = draws.nextLong();
        }
        return seeds;
    }

    /** Whether this run replays one seed given with {@code -Dseed}, rather than trying many. */
    public static boolean replayingOne() {
        String one = System.getProperty("seed");
        return one != null && !one.isBlank();
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        Object seed = call.getArguments().get(0);
        try {
            invocation.proceed();
        } catch (TestAbortedException aborted) {
            throw aborted;
        } catch (Throwable failure) {
            Method method = call.getExecutable();
            AssertionError named = new AssertionError("Seed " + seed + " failed: " + failure.getMessage()
                    + "\nReplay it: " + replayCommand(method, seed, storesOf(call.getTarget().orElse(null))),
                    failure);
            throw named;
        }
    }

    /**
     * The one command that runs this method with this seed alone, from the project's root; on these stores alone
     * if the test runs on each of {@link Stores} (null if not).
     */
    static String replayCommand(Method method, Object seed, Stores stores) {
        String module = Path.of(System.getProperty("user.dir")).getFileName().toString();
        return "./mvnw -B -pl " + module + " -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest='"
                + method.getDeclaringClass().getSimpleName() + "#" + method.getName() + "' -Dseed=" + seed
                + (stores == null ? "" : " -Dstores=" + stores.name());
    }

    /** The {@link Stores} a test instance runs on, if it has a field of that type. */
    private static Stores storesOf(Object test) {
        if (test == null) {
            return null;
        }
        for (Class<?> c = test.getClass(); c != null; c = c.getSuperclass()) {
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                if (field.getType() == Stores.class) {
                    try {
                        field.setAccessible(true);
                        return (Stores) field.get(test);
                    } catch (IllegalAccessException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}

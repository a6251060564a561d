package dev.boxoffice.engine.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A seeded property test: the method takes one {@code long seed}, builds its random scenario from it alone, and
 * runs once per seed. A run tries {@link #value()} seeds, the same ones every time (drawn from a fixed base), so a
 * red build is red again on the next run. On failure the message names the seed and the one command that replays
 * exactly that scenario:
 *
 * <pre>
 * ./mvnw -B -pl engine-lib -am test -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest='ReplicationUnderFaultsTest#shouldConverge*' -Dseed=-4962768465676381896
 * </pre>
 *
 * <p>{@code -Dseed=N} runs seed N alone; {@code -Dseed.base=B} tries the same number of other seeds (explore new
 * ground); {@code -Dseed.count=N} tries N seeds instead of {@link #value()}.
 *
 * <p>Plain JUnit 5 ({@code @ParameterizedTest}); no shrinking: a failing seed replays exactly instead.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "seed {0}")
@ArgumentsSource(Seeds.class)
@ExtendWith(Seeds.class)
public @interface SeededTest {

    /** How many seeds a run tries. */
    int value();
}

package dev.boxoffice.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.ValidationException;
import dev.boxoffice.engine.support.SeededTest;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Ids as the engine accepts them: exactly what the UUID pattern matches, and a clear refusal for anything else. */
class ArgumentsTest {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Characters an id could be mistaken with: the hex digits' neighbours, other scripts' digits, separators. */
    private static final String LOOKALIKES = "0123456789abcdefABCDEF-gG/:@`{}_ \u0660\uff11\u00e9";

    @Test
    void anIdIsAUuidOfEitherCase() {
        String id = UUID.randomUUID().toString();
        assertThat(Arguments.id("orderId", id)).isEqualTo(id);
        assertThat(Arguments.id("orderId", id.toUpperCase(java.util.Locale.ROOT))).isNotNull();
        assertThat(Arguments.optionalId("afterId", null)).isNull();
    }

    @Test
    void anythingElseIsRefusedNamingTheArgument() {
        for (String bad : new String[] {"", "t-1", "3f0d9a8e1b2c4d5e8f90123456789abc",
                "3f0d9a8e-1b2c-4d5e-8f90-123456789abcd", "3f0d9a8e-1b2c-4d5e-8f90-123456789ab",
                "3f0d9a8e-1b2c-4d5e-8f90_123456789abc", "3f0d9a8g-1b2c-4d5e-8f90-123456789abc"}) {
            assertThatThrownBy(() -> Arguments.id("ticketId", bad)).as(bad)
                    .isInstanceOf(ValidationException.class).hasMessageContaining("ticketId must be an id");
        }
        assertThatThrownBy(() -> Arguments.id("ticketId", null))
                .isInstanceOf(ValidationException.class).hasMessage("ticketId is required");
    }

    @SeededTest(10)
    void acceptsExactlyWhatTheUuidPatternMatches(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder(new UUID(random.nextLong(), random.nextLong()).toString());
            // a few edits of a real id: a character changed, added or taken away
            for (int edits = random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(text.length() + 1);
                char c = LOOKALIKES.charAt(random.nextInt(LOOKALIKES.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, c);
                    case 1 -> text.setCharAt(Math.min(at, text.length() - 1), c);
                    default -> text.deleteCharAt(Math.min(at, text.length() - 1));
                }
            }
            String candidate = text.toString();
            assertThat(Arguments.isUuid(candidate)).as(candidate)
                    .isEqualTo(UUID_TEXT.matcher(candidate).matches());
        }
    }
}

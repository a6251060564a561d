package dev.boxoffice.server.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Every time the server writes in JSON is ISO-8601 UTC with exactly three fractional digits,
 * {@code 2026-11-24T10:15:30.123Z}: what JavaScript's {@code Date} is guaranteed to parse (it need not parse
 * nine). Finer digits are cut, never rounded up, so a written time is never later than the real one.
 */
@Factory
public class JsonTimes {

    /** The format of every time in a response body or the event stream. */
    public static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Picked up by Micronaut's {@code ObjectMapper}, so it applies to bodies and server-sent events alike. */
    @Singleton
    public Module millisecondInstants() {
        return new SimpleModule("boxoffice-times").addSerializer(Instant.class, new InstantSerializer());
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(MILLIS.format(value));
        }
    }
}

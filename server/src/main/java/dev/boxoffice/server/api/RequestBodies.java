package dev.boxoffice.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.ticket.Ticket;
import dev.boxoffice.server.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads request bodies strictly: a JSON object only, numbers parsed as exact decimals, every field checked by
 * hand so that each refusal names its field in words a person can act on. Unknown fields are ignored.
 */
@Singleton
public class RequestBodies {

    /** The currency of every price on this server. */
    public static final Currency CURRENCY = Currency.getInstance("USD");

    /** Digits with at most one decimal point, at least one digit: what {@code isFloat} accepted, less sign and
     *  exponent. The number of decimals is {@link Money}'s to check, so that its message says what is wrong. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("(?=\\.?[0-9])[0-9]*(\\.[0-9]*)?");

    /** Canonical text for idempotency: decimals kept exact when the tree is turned into plain values. */
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final ExactJson exact = new ExactJson(mapper.getFactory());

    /**
     * The body as a JSON object, or a 400. JSON is UTF-8 (RFC 8259): the bytes are decoded strictly as such,
     * whatever charset the request claims, and invalid UTF-8 is refused rather than replaced.
     */
    public ObjectNode object(@Nullable byte[] bytes) {
        if (bytes == null) {
            throw ApiException.badRequest("The body must be a JSON object");
        }
        String body;
        try {
            body = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("The body is not valid UTF-8");
        }
        if (body.isBlank()) {
            throw ApiException.badRequest("The body must be a JSON object");
        }
        JsonNode node;
        try {
            node = exact.read(body);
        } catch (IOException e) {
            throw ApiException.badRequest("The body is not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("The body must be a JSON object");
        }
        return object;
    }

    /** A string field, if present and a string. */
    public static Optional<String> string(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    /** A required, non-blank string field, or a 400 naming it. */
    public static String requiredString(ObjectNode json, String field) {
        return string(json, field).filter(s -> !s.isBlank())
                .orElseThrow(() -> ApiException.invalid(field, field + " is required"));
    }

    /**
     * A price: a JSON number, or a JSON string holding a plain decimal such as {@code "12.50"}, {@code "20"} or
     * {@code ".5"} (the original front end sends {@code price.toFixed(2)}, a string): digits with at most one
     * point, no sign, exponent or spaces. Parsed exactly; positive, at most 1,000,000, at most 2 decimals.
     */
    public static Money price(ObjectNode json) {
        JsonNode node = json.get("price");
        if (node == null || node.isNull()) {
            throw ApiException.invalid("price", "Price is required");
        }
        if (node.isNumber()) {
            return Money.of(node.decimalValue(), CURRENCY);
        }
        if (ExactJson.isOutOfRange(node)) {
            throw ApiException.invalid("price", "Price must be greater than 0 and at most " + Money.MAX_MAJOR_UNITS);
        }
        if (node.isTextual() && PLAIN_DECIMAL.matcher(node.textValue()).matches()) {
            return Money.of(new BigDecimal(node.textValue()), CURRENCY);
        }
        throw ApiException.invalid("price", "Price must be a number");
    }

    /** A title: a string, 1 to 200 characters after trimming, returned as given (the engine trims it). */
    public static String title(ObjectNode json) {
        JsonNode node = json.get("title");
        if (node == null || !node.isTextual()) {
            throw ApiException.invalid("title", "Title is required");
        }
        Ticket.validTitle(node.textValue());
        return node.textValue();
    }

    /** A canonical text of the body, so that two requests with the same content compare equal. */
    public String canonical(ObjectNode json) {
        try {
            return mapper.writeValueAsString(mapper.treeToValue(json, Object.class));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The body is not valid JSON");
        }
    }
}

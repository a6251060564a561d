package dev.boxoffice.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads JSON text into a tree with every number exact: integers as integers, other numbers as {@link BigDecimal}.
 * A number no {@code BigDecimal} can hold ({@code 2e2147483648}: its exponent overflows) does not fail the whole
 * body, as Jackson's {@code readTree} would with a {@link NumberFormatException}: it becomes an
 * {@link OutOfRangeNumber} node, neither a number nor text, so the field that holds it is refused on its own.
 */
final class ExactJson {

    /** A JSON number too large or too small to be held exactly; its text as sent. */
    record OutOfRangeNumber(String text) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonFactory factory;

    ExactJson(JsonFactory factory) {
        this.factory = factory;
    }

    /** The one JSON value of {@code text}; anything after it is an error, as is malformed JSON. */
    JsonNode read(String text) throws IOException {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("No JSON value");
            }
            JsonNode value = value(parser, first);
            if (parser.nextToken() != null) {
                throw new IOException("Text after the JSON value");
            }
            return value;
        }
    }

    /** Whether a node is a number that could not be held exactly. */
    static boolean isOutOfRange(JsonNode node) {
        return node instanceof POJONode pojo && pojo.getPojo() instanceof OutOfRangeNumber;
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    object.set(name, value(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                var array = NODES.arrayNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> {
                try {
                    yield NODES.numberNode(parser.getDecimalValue());
                } catch (NumberFormatException e) {
                    yield NODES.pojoNode(new OutOfRangeNumber(parser.getText()));
                }
            }
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("Unexpected JSON token " + token);
        };
    }
}

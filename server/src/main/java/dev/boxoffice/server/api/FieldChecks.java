package dev.boxoffice.server.api;

import dev.boxoffice.engine.ValidationException;
import dev.boxoffice.server.error.ApiError;
import dev.boxoffice.server.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a body's fields one by one and collects the refusals of each, so that one {@code 400} names every bad
 * field in the order they were read, as the original app did (a signup with a bad email and a short password
 * shows both messages). Only refusals that name a field are collected; any other refusal is thrown at once.
 *
 * <pre>{@code
 * FieldChecks fields = new FieldChecks();
 * String title = fields.read(() -> RequestBodies.title(json));
 * Money price = fields.read(() -> RequestBodies.price(json));
 * fields.refuseIfAny();   // from here on, title and price are both set
 * }</pre>
 */
public final class FieldChecks {

    private final List<ApiError.Item> problems = new ArrayList<>();

    /** The field's value, or null after recording why it was refused. */
    public <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ApiException e) {
            if (e.field() == null) {
                throw e;
            }
            problems.addAll(e.items());
        } catch (ValidationException e) {
            problems.add(new ApiError.Item(e.getMessage(), e.field()));
        }
        return null;
    }

    /** Records a refusal found by the caller itself. */
    public void refuse(String field, String message) {
        problems.add(new ApiError.Item(message, field));
    }

    /** Throws one {@code 400} naming every refused field, if any was. */
    public void refuseIfAny() {
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }
}

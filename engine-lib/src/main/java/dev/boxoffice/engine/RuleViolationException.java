package dev.boxoffice.engine;

/**
 * A well-formed request that a business rule refuses, such as editing a reserved ticket. Nothing was changed.
 * Subclasses name the rule.
 */
public class RuleViolationException extends BoxOfficeException {

    public RuleViolationException(String message) {
        super(message);
    }
}

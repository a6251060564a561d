package dev.boxoffice.server.config;

/**
 * A setting the server cannot start with. The message is one line for a person: the environment variable and
 * the property it maps to, what is wrong, and the accepted form.
 */
public class SettingException extends RuntimeException {

    public SettingException(String message) {
        super(message);
    }
}

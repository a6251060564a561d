package dev.boxoffice.server.auth;

import dev.boxoffice.server.config.BoxofficeConfiguration;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that signs session tokens: {@code boxoffice.jwt-secret} when configured, otherwise generated once
 * into {@code <data-dir>/jwt-secret} readable by the owner only, and read from there on every later start.
 * Never a constant in the code.
 */
@Singleton
public class SigningSecret {

    private static final int MIN_LENGTH = 32;

    private final String value;

    public SigningSecret(BoxofficeConfiguration config) {
        if (config.jwtSecret() != null && !config.jwtSecret().isBlank()) {
            if (config.jwtSecret().length() < MIN_LENGTH) {
                throw new ConfigurationException("boxoffice.jwt-secret must be at least " + MIN_LENGTH
                        + " characters");
            }
            this.value = config.jwtSecret();
        } else {
            this.value = readOrCreate(config.dataDir().resolve("jwt-secret"));
        }
    }

    public String value() {
        return value;
    }

    private static String readOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                            StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token signing secret " + file, e);
        }
    }
}

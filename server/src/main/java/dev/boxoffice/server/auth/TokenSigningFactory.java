package dev.boxoffice.server.auth;

import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** Signs and verifies session tokens (HS256) with the {@link SigningSecret}. */
@Factory
public class TokenSigningFactory {

    @Singleton
    @Named("generator")
    public SignatureGeneratorConfiguration tokenSignature(SigningSecret secret) {
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("generator");
        configuration.setSecret(secret.value());
        return new SecretSignature(configuration);
    }
}

package dev.boxoffice.server.config;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * The cross-origin policy, decided here rather than left to the framework's defaults (which allow every origin
 * once CORS is on, and otherwise refuse cross-origin calls to a localhost server with an empty 403):
 * <ul>
 *   <li>requests without an {@code Origin}, and same-origin requests, are served as usual;</li>
 *   <li>browsers on an origin listed in {@code boxoffice.allowed-origins} may call every route with the session
 *       cookie (credentials allowed; preflights answered);</li>
 *   <li>any other origin, {@code null} and an empty one included, is refused with 403 and the error body.</li>
 * </ul>
 */
@Singleton
public class CrossOriginPolicy implements BeanCreatedEventListener<HttpServerConfiguration.CorsConfiguration> {

    private final BoxofficeConfiguration config;

    public CrossOriginPolicy(BoxofficeConfiguration config) {
        this.config = config;
    }

    @Override
    public HttpServerConfiguration.CorsConfiguration onCreated(
            BeanCreatedEvent<HttpServerConfiguration.CorsConfiguration> event) {
        HttpServerConfiguration.CorsConfiguration cors = event.getBean();
        CorsOriginConfiguration browsers = new CorsOriginConfiguration();
        browsers.setAllowedOrigins(config.allowedOriginsOrNone());
        browsers.setAllowedMethods(List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE));
        browsers.setAllowCredentials(true);
        cors.setEnabled(true);
        cors.setConfigurations(Map.of("allowed-origins", browsers));
        return cors;
    }
}

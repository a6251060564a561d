/** The expiration service's public face: {@link dev.boxoffice.engine.expiration.Expirations}. */
package dev.boxoffice.engine.expiration;

/** Internal: no compatibility promise. See {@link dev.boxoffice.engine.internal}. */
package dev.boxoffice.engine.internal.cluster;

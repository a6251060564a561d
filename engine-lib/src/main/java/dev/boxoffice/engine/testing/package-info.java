/**
 * Testing aids, shipped with the engine so that an application's own tests and demonstrations can use them:
 * {@link dev.boxoffice.engine.testing.FaultInjectingTransport}, a transport that duplicates, reorders, delays,
 * holds back and loses deliveries the way real networks and brokers do. Nothing here belongs in production.
 */
package dev.boxoffice.engine.testing;

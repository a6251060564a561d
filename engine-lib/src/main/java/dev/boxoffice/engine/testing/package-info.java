/**
 * Testing aids, shipped with the engine so that an application's own tests and demonstrations can use them:
 * {@link dev.boxoffice.engine.testing.FaultInjectingTransport}, a transport that duplicates, reorders, delays,
 * holds back and loses deliveries the way real networks and brokers do, and
 * {@link dev.boxoffice.engine.testing.PastBusiness}, a large finished past written into an embedded engine's stores in
 * seconds, for measuring cost as data grows. Nothing here belongs in production.
 */
package dev.boxoffice.engine.testing;

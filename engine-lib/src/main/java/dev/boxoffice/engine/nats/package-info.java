/**
 * Events over NATS JetStream: {@link dev.boxoffice.engine.nats.JetStreamTransport}, the transport for services and
 * competing order replicas in several processes or machines. Pass it to
 * {@link dev.boxoffice.engine.BoxOfficeBuilder#transport}.
 */
package dev.boxoffice.engine.nats;

/**
 * The payments service's public face: {@link dev.boxoffice.engine.payment.Payments}, the
 * {@link dev.boxoffice.engine.payment.PaymentGateway} service provider interface with its simulated default,
 * and the refusals.
 */
package dev.boxoffice.engine.payment;

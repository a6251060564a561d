/** The orders service's public face: {@link dev.boxoffice.engine.order.Orders}, its records and refusals. */
package dev.boxoffice.engine.order;

package dev.boxoffice.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void shouldGiveAPortBelowTheEphemeralRangeThatCanBeBound() throws Exception {
        int port = LoopbackPorts.free();

        assertThat(port).isBetween(10_000, LoopbackPorts.ephemeralFrom() - 1);
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void shouldGiveConsecutivePortsThatCanAllBeBound() throws Exception {
        int first = LoopbackPorts.freeConsecutive(3);

        assertThat(first + 2).isLessThan(LoopbackPorts.ephemeralFrom());
        try (ServerSocket a = new ServerSocket(first, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(first + 1, 1, InetAddress.getLoopbackAddress());
             ServerSocket c = new ServerSocket(first + 2, 1, InetAddress.getLoopbackAddress())) {
            assertThat(c.getLocalPort()).isEqualTo(a.getLocalPort() + 2);
        }
        assertThatThrownBy(() -> LoopbackPorts.freeConsecutive(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

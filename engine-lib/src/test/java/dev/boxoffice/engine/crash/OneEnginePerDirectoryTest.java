package dev.boxoffice.engine.crash;

import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.DataDirectoryInUseException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines on one data directory would each count the event log on their own and break each other's writes:
 * the second is refused at once, naming the directory and the holder, and the first carries on.
 */
class OneEnginePerDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseASecondEngineInThisProcess_andLeaveTheFirstWorking() {
        try (BoxOffice first = BoxOffice.builder().dataDirectory(dir).build()) {
            assertThatThrownBy(() -> BoxOffice.builder().dataDirectory(dir.resolve(".")).build())
                    .isInstanceOfSatisfying(DataDirectoryInUseException.class, e -> {
                        assertThat(e.directory()).isEqualTo(dir.toAbsolutePath().normalize());
                        assertThat(e.holderPid()).hasValue(ProcessHandle.current().pid());
                    })
                    .hasMessageContaining(dir.toString()).hasMessageContaining("in use");

            for (int i = 0; i < 20; i++) {
                first.tickets().create("Still mine " + i, usd("5"), "seller");
            }
            assertThat(first.tickets().counts().total()).isEqualTo(20);
        }
        try (BoxOffice next = BoxOffice.builder().dataDirectory(dir).build()) {
            assertThat(next.tickets().counts().total()).as("free again once the first closed").isEqualTo(20);
        }
    }

    @Test
    void shouldRefuseAnEngineWhileAnotherProcessHoldsTheDirectory_andNotAfterThatProcessIsKilled()
            throws Exception {
        Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), DirectoryHolder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith(DirectoryHolder.READY));
            assertThat(line).as("the child holds the directory").isNotNull();

            assertThatThrownBy(() -> BoxOffice.builder().dataDirectory(dir).build())
                    .isInstanceOfSatisfying(DataDirectoryInUseException.class,
                            e -> assertThat(e.holderPid()).hasValue(holder.pid()))
                    .hasMessageContaining("process " + holder.pid());
        } finally {
            holder.destroyForcibly(); // SIGKILL: no close, no cleanup
            holder.waitFor();
        }
        try (BoxOffice after = BoxOffice.builder().dataDirectory(dir).build()) {
            assertThat(after.tickets().counts().total()).isZero();
        }
    }
}

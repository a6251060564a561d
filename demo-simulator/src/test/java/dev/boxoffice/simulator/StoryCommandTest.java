package dev.boxoffice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StoryCommandTest {

    @Test
    void shouldEndWrongWithoutVersionsAndRightWithThem() {
        StringWriter text = new StringWriter();
        var cli = SimulatorCommand.commandLine().setOut(new PrintWriter(text));

        int exit = cli.execute("story");

        String story = text.toString();
        assertThat(exit).isZero();
        String naive = story.substring(story.indexOf("Act 1"), story.indexOf("Act 2"));
        String versioned = story.substring(story.indexOf("Act 2"));
        assertThat(naive).contains("the order replica says 10.00 (version 1): WRONG")
                .doesNotContain("REFUSED");
        assertThat(versioned).contains("REFUSED as out of order")
                .contains("Event 2 is delivered again")
                .contains("the order replica says 15.00 (version 2): RIGHT.");
    }

    @Test
    void shouldTellEachActTheSameWayEveryTime() {
        StoryCommand story = new StoryCommand();
        PrintWriter sink = new PrintWriter(new StringWriter());
        for (int i = 0; i < 3; i++) {
            assertThat(story.act(sink, false)).isEqualTo(new StoryCommand.Ending("15.00", "10.00", 1, false));
            assertThat(story.act(sink, true)).isEqualTo(new StoryCommand.Ending("15.00", "15.00", 2, true));
        }
    }
}

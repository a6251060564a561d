package dev.boxoffice.console.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/** Writes a PNG of a scene into {@code target/snapshots}, without javafx-swing. Call on the FX thread. */
final class Snapshots {

    static final Path DIR = Path.of("target", "snapshots");

    private Snapshots() {
    }

    /** Writes the stage's scene as {@code name.png} from the test thread, and checks that it is there. */
    static void take(FxRobot robot, Stage stage, String name) {
        Path[] written = new Path[1];
        robot.interact(() -> written[0] = write(stage.getScene(), name));
        if (!Files.isRegularFile(written[0])) {
            throw new AssertionError("No snapshot written to " + written[0]);
        }
    }

    static Path write(Scene scene, String name) {
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name + ".png");
            ImageIO.write(png, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

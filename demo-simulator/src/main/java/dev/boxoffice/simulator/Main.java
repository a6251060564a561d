package dev.boxoffice.simulator;

/** Runs the simulator: {@code java -jar demo-simulator/target/boxoffice-simulator.jar --help}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(SimulatorCommand.commandLine().execute(args));
    }
}

package io.stressgate.engine.testprograms;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds resources when told to: "fds" opens files and never closes them, "port" opens a listening socket on
 * 127.0.0.1 and keeps it, "clean" opens files and closes them again. Prints "ready", waits for a line on stdin,
 * acts, prints "done", then lives until stdin closes (at most 60 seconds). Arguments: mode, how many.
 */
public final class Leaker {
    private Leaker() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int count = Integer.parseInt(args[1]);
        List<AutoCloseable> held = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Path file = Files.createTempFile("leaker", ".tmp");
        new RandomAccessFile(file.toFile(), "r").close(); // load the classes now: only the leak itself may open fds later
        new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).close();
        System.out.println("ready");
        System.out.flush();
        in.readLine();
        for (int i = 0; i < count; i++) {
            switch (mode) {
                case "fds" -> held.add(new RandomAccessFile(file.toFile(), "r"));
                case "port" -> held.add(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
                default -> new RandomAccessFile(file.toFile(), "r").close();
            }
        }
        System.out.println("done " + held.size());
        System.out.flush();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && in.readLine() != null) {
            Thread.sleep(10);
        }
        Files.deleteIfExists(file);
    }
}

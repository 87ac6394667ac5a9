package io.stressgate.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * The commands the examples' chaos actions and service stops run (argument arrays, no shell, nothing outside this
 * jar): {@code redis-shutdown PORT} sends Redis a SHUTDOWN over its protocol, as {@code redis-cli shutdown} would
 * (which the bundled redis-server does not come with), and waits until the port is closed; with
 * {@code --if-running} a Redis that is not there is fine. {@code balancer CONTROL_PORT down|up} closes or opens
 * the front port of a {@link DemoBalancer}. Exits 0 when done, 1 when not, 2 on a usage error.
 * Run as {@code java -cp stressgate.jar io.stressgate.cli.demo.DemoControl redis-shutdown 6379}.
 */
public final class DemoControl {
    private static final int TIMEOUT_MILLIS = 5_000;

    private DemoControl() {
    }

    public static void main(String[] args) throws InterruptedException {
        int code;
        try {
            code = run(args);
        } catch (IOException e) {
            System.err.println("demo control: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    private static int run(String[] args) throws IOException, InterruptedException {
        if (args.length >= 2 && args[0].equals("redis-shutdown")) {
            return redisShutdown(Integer.parseInt(args[1]), args.length > 2 && args[2].equals("--if-running"));
        }
        if (args.length == 3 && args[0].equals("balancer") && (args[2].equals(DemoBalancer.DOWN) || args[2].equals(DemoBalancer.UP))) {
            return balancer(Integer.parseInt(args[1]), args[2]);
        }
        System.err.println("usage: DemoControl redis-shutdown PORT [--if-running] | balancer CONTROL_PORT down|up");
        return 2;
    }

    private static int redisShutdown(int port, boolean ifRunning) throws IOException, InterruptedException {
        try (Socket s = connect(port)) {
            OutputStream out = s.getOutputStream();
            out.write("*1\r\n$8\r\nSHUTDOWN\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply;
            try {
                reply = readAll(s.getInputStream());
            } catch (SocketException e) {
                reply = ""; // reset rather than closed: it went down all the same, which the wait below confirms
            }
            if (!reply.isEmpty()) { // a Redis that shuts down closes the connection without a word
                System.err.println("redis on port " + port + " refused to shut down: " + reply.strip());
                return 1;
            }
        } catch (ConnectException e) {
            System.out.println("no redis listens on port " + port);
            return ifRunning ? 0 : 1;
        }
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (!listening(port)) {
                System.out.println("redis on port " + port + " shut down");
                return 0;
            }
            Thread.sleep(50);
        }
        System.err.println("redis on port " + port + " still accepts connections after SHUTDOWN");
        return 1;
    }

    private static int balancer(int controlPort, String command) throws IOException {
        try (Socket s = connect(controlPort)) {
            s.getOutputStream().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = readAll(s.getInputStream()).strip();
            System.out.println("balancer " + command + ": " + answer);
            return answer.equals("ok") ? 0 : 1;
        }
    }

    private static boolean listening(int port) throws IOException {
        try (Socket s = connect(port)) {
            return s.isConnected();
        } catch (ConnectException e) {
            return false;
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(TIMEOUT_MILLIS);
        return s;
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readNBytes(1024), StandardCharsets.UTF_8);
    }
}

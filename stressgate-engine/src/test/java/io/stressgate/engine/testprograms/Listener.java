package io.stressgate.engine.testprograms;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A server stand-in: after a delay, listens on 127.0.0.1 at the given port (0: any) and accepts connections until
 * 60 seconds have passed. Prints "listening on PORT". Arguments: port, delay in milliseconds.
 */
public final class Listener {
    private Listener() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Thread.sleep(Long.parseLong(args[1]));
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(1000);
            System.out.println("listening on " + server.getLocalPort());
            System.out.flush();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                try (Socket client = server.accept()) {
                    client.getOutputStream().flush();
                } catch (java.net.SocketTimeoutException e) {
                    Thread.onSpinWait(); // no client this second; look at the clock again
                }
            }
        }
    }
}

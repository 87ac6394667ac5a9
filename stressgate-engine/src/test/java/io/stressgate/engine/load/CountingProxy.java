package io.stressgate.engine.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy of the tests' own on loopback that counts what it is asked: CONNECT tunnels (answered 200, then
 * bytes piped both ways, or refused with 403 for the ports it is told to deny) and absolute-form requests (forwarded
 * one at a time to the target, whose Content-Length answer is copied back). It forwards only to loopback addresses.
 */
final class CountingProxy implements AutoCloseable {
    private static final int MAX_HEAD = 16 * 1024;
    /** Bounds on the loops: connections accepted, reads piped through one tunnel direction. */
    private static final int MAX_CONNECTIONS = 10_000;
    private static final int MAX_READS = 1_000_000;

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Set<Integer> deniedPorts = ConcurrentHashMap.newKeySet();
    final AtomicInteger tunnels = new AtomicInteger();
    final AtomicInteger refusedTunnels = new AtomicInteger();
    final AtomicInteger absoluteRequests = new AtomicInteger();
    /** The host:port of every CONNECT and absolute-form request, as asked. */
    final Set<String> authorities = ConcurrentHashMap.newKeySet();

    CountingProxy() throws IOException {
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** CONNECT to this port is answered 403 from now on. */
    void deny(int port) {
        deniedPorts.add(port);
    }

    private void accept() {
        for (int accepted = 0; accepted < MAX_CONNECTIONS && !server.isClosed(); accepted++) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return; // the server socket was closed: the test is over
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            Socket upstream = null;
            for (int exchange = 0; exchange < 100_000; exchange++) {
                String head = readHead(in);
                if (head == null) {
                    break;
                }
                String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
                if (requestLine[0].equals("CONNECT")) {
                    tunnel(requestLine[1], in, out);
                    break;
                }
                URI uri = URI.create(requestLine[1]);
                absoluteRequests.incrementAndGet();
                authorities.add(uri.getHost() + ":" + uri.getPort());
                if (upstream == null) {
                    upstream = open(uri.getHost(), uri.getPort());
                }
                String forwarded = requestLine[0] + " " + uri.getRawPath() + " " + requestLine[2] + head.substring(head.indexOf("\r\n"));
                upstream.getOutputStream().write(forwarded.getBytes(StandardCharsets.ISO_8859_1));
                copyResponse(upstream.getInputStream(), out);
            }
            if (upstream != null) {
                upstream.close();
            }
        } catch (IOException e) {
            // the client or the target went away: the exchange ends here, as it would at a real proxy
        }
    }

    private void tunnel(String authority, InputStream in, OutputStream out) throws IOException {
        authorities.add(authority);
        int colon = authority.lastIndexOf(':');
        int port = Integer.parseInt(authority.substring(colon + 1));
        if (deniedPorts.contains(port)) {
            refusedTunnels.incrementAndGet();
            out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 6\r\n\r\ndenied".getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        try (Socket upstream = open(authority.substring(0, colon), port)) {
            tunnels.incrementAndGet();
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            var back = threads.submit(() -> pipe(upstream.getInputStream(), out));
            pipe(in, upstream.getOutputStream());
            upstream.shutdownOutput();
            back.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // one side closed the tunnel: nothing more to carry
        }
    }

    private Socket open(String host, int port) throws IOException {
        InetAddress address = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        if (!address.isLoopbackAddress()) {
            throw new IOException("this test proxy forwards only to loopback, not " + host);
        }
        Socket s = new Socket();
        sockets.add(s);
        s.connect(new InetSocketAddress(address, port), 5_000);
        return s;
    }

    private static Void pipe(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int n = from.read(buffer);
        for (int reads = 0; n >= 0 && reads < MAX_READS; reads++) {
            to.write(buffer, 0, n);
            to.flush();
            n = from.read(buffer);
        }
        return null;
    }

    /** Copies one response whose body has a Content-Length (the test target's answers). */
    private static void copyResponse(InputStream from, OutputStream to) throws IOException {
        String head = readHead(from);
        if (head == null) {
            throw new IOException("the target closed before answering");
        }
        to.write(head.getBytes(StandardCharsets.ISO_8859_1));
        long length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        byte[] buffer = new byte[16 * 1024];
        for (int reads = 0; length > 0 && reads < MAX_READS; reads++) {
            int n = from.read(buffer, 0, (int) Math.min(buffer.length, length));
            if (n < 0) {
                throw new IOException("the target closed in the middle of a body");
            }
            to.write(buffer, 0, n);
            length -= n;
        }
        to.flush();
    }

    /** The bytes up to and including the blank line after the headers, or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4 && head.size() < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
        threads.shutdownNow();
    }
}

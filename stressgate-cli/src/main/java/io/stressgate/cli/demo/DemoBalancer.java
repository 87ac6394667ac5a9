package io.stressgate.cli.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A round-robin TCP balancer on loopback, the stand-in for seed 004's nginx in front of three API servers: each
 * client connection goes to the next backend in turn and bytes are copied both ways, on one thread with a
 * {@link Selector}. Its control port takes one line: {@code down} closes the front port and every connection
 * through it (clients see what a stopped nginx gives them: refused connections), {@code up} opens it again; it
 * answers {@code ok}. {@link DemoControl} sends those lines for a chaos stop and its restore.
 * Run as {@code java -cp stressgate.jar io.stressgate.cli.demo.DemoBalancer PORT CONTROL_PORT BACKEND_PORT...}.
 */
public final class DemoBalancer {
    static final String DOWN = "down";
    static final String UP = "up";
    private static final int BUFFER = 16 * 1024;
    /** The attachment of the control port's key (the front port's key has none). */
    private static final Object CONTROL_PORT = new Object();

    private final Selector selector;
    private final InetSocketAddress front;
    private final List<InetSocketAddress> backends = new ArrayList<>();
    private final AtomicLongArray forwarded;
    private final Set<Pair> pairs = new HashSet<>();
    private ServerSocketChannel listener;
    private int next;

    private DemoBalancer(int port, List<Integer> backendPorts) throws IOException {
        this.selector = Selector.open();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.front = new InetSocketAddress(loopback, port);
        backendPorts.forEach(p -> backends.add(new InetSocketAddress(loopback, p)));
        this.forwarded = new AtomicLongArray(backendPorts.size());
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: DemoBalancer PORT CONTROL_PORT BACKEND_PORT...");
            System.exit(2);
        }
        List<Integer> backendPorts = Arrays.stream(args, 2, args.length).map(Integer::valueOf).toList();
        DemoBalancer balancer = new DemoBalancer(Integer.parseInt(args[0]), backendPorts);
        ServerSocketChannel control = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(args[1])));
        control.configureBlocking(false).register(balancer.selector, SelectionKey.OP_ACCEPT, CONTROL_PORT);
        balancer.listen();
        Runtime.getRuntime().addShutdownHook(new Thread(balancer::report, "balancer-report"));
        System.out.println("demo balancer on " + balancer.front + " -> " + backendPorts + ", control port " + args[1]);
        balancer.run();
    }

    private void report() {
        System.out.println("demo balancer forwarded connections per backend: " + forwarded);
    }

    private void run() throws IOException {
        while (true) {
            selector.select();
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                try {
                    if (key.isValid()) {
                        handle(key);
                    }
                } catch (IOException e) {
                    System.err.println("demo balancer: " + e); // one connection failed; the balancer goes on
                }
            }
        }
    }

    private void handle(SelectionKey key) throws IOException {
        Object attachment = key.attachment();
        if (attachment == CONTROL_PORT) {
            SocketChannel c = ((ServerSocketChannel) key.channel()).accept();
            if (c != null) {
                c.configureBlocking(false).register(selector, SelectionKey.OP_READ, new Control());
            }
        } else if (attachment instanceof Control control) {
            control.read(key);
        } else if (attachment == null) {
            accept();
        } else {
            Side side = (Side) attachment;
            try {
                side.handle(key);
            } catch (IOException e) {
                side.pair.close();
            }
        }
    }

    private void listen() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocketChannel s = ServerSocketChannel.open();
        s.socket().setReuseAddress(true);
        try {
            s.bind(front, 1024).configureBlocking(false).register(selector, SelectionKey.OP_ACCEPT, null);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        listener = s;
    }

    /** Closes the front port and every connection through it, as a stopped balancer would. */
    private void stopListening() throws IOException {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        new ArrayList<>(pairs).forEach(Pair::close);
        selector.selectNow(); // deregisters the closed channels, which frees the port now; ready keys wait for the loop
    }

    private void accept() throws IOException {
        SocketChannel client = listener == null ? null : listener.accept();
        if (client == null) {
            return;
        }
        int index = next;
        next = (next + 1) % backends.size();
        SocketChannel backend = SocketChannel.open();
        backend.configureBlocking(false);
        client.configureBlocking(false);
        client.socket().setTcpNoDelay(true);
        backend.socket().setTcpNoDelay(true);
        Pair pair = new Pair(client, backend);
        pairs.add(pair);
        forwarded.incrementAndGet(index);
        try {
            if (backend.connect(backends.get(index))) {
                pair.connected();
            } else {
                backend.register(selector, SelectionKey.OP_CONNECT, pair.backendSide);
            }
        } catch (IOException e) {
            pair.close();
        }
    }

    /** A client connection and the backend connection it was given. */
    private final class Pair {
        final Side clientSide;
        final Side backendSide;

        Pair(SocketChannel client, SocketChannel backend) {
            clientSide = new Side(this, client);
            backendSide = new Side(this, backend);
            clientSide.peer = backendSide;
            backendSide.peer = clientSide;
        }

        void connected() throws IOException {
            clientSide.key = clientSide.channel.register(selector, SelectionKey.OP_READ, clientSide);
            backendSide.key = backendSide.channel.register(selector, SelectionKey.OP_READ, backendSide);
        }

        void close() {
            pairs.remove(this);
            for (Side s : List.of(clientSide, backendSide)) {
                try {
                    s.channel.close();
                } catch (IOException e) {
                    System.err.println("demo balancer: closing a connection failed: " + e.getMessage());
                }
            }
        }
    }

    /** One end of a pair: what it reads waits in {@code pending} until its peer can take it. */
    private final class Side {
        final Pair pair;
        final SocketChannel channel;
        final ByteBuffer pending = ByteBuffer.allocate(BUFFER);
        Side peer;
        SelectionKey key;
        boolean ended;

        Side(Pair pair, SocketChannel channel) {
            this.pair = pair;
            this.channel = channel;
        }

        void handle(SelectionKey k) throws IOException {
            if (k.isConnectable()) {
                k.interestOps(0);
                channel.finishConnect();
                pair.connected();
                return;
            }
            if (k.isWritable()) {
                peer.flush();
            }
            if (k.isValid() && k.isReadable()) {
                read();
            }
        }

        private void read() throws IOException {
            int n = channel.read(pending);
            if (n < 0) {
                ended = true;
                interest(key, SelectionKey.OP_READ, false);
            }
            flush();
        }

        /** Writes what this side read to its peer; stops reading while the peer is behind. */
        void flush() throws IOException {
            pending.flip();
            peer.channel.write(pending);
            pending.compact();
            boolean behind = pending.position() > 0;
            interest(peer.key, SelectionKey.OP_WRITE, behind);
            interest(key, SelectionKey.OP_READ, !behind && !ended);
            if (ended && !behind) {
                if (peer.ended) {
                    pair.close();
                } else {
                    peer.channel.shutdownOutput();
                }
            }
        }

        private void interest(SelectionKey k, int op, boolean on) {
            if (k != null && k.isValid()) {
                k.interestOps(on ? k.interestOps() | op : k.interestOps() & ~op);
            }
        }
    }

    /** One control connection: a line in, {@code ok} or an error out. */
    private final class Control {
        final ByteBuffer line = ByteBuffer.allocate(64);

        void read(SelectionKey key) throws IOException {
            SocketChannel c = (SocketChannel) key.channel();
            int n;
            try {
                n = c.read(line);
            } catch (IOException e) {
                c.close();
                return;
            }
            String text = new String(line.array(), 0, line.position(), StandardCharsets.US_ASCII);
            if (n >= 0 && !text.contains("\n") && line.hasRemaining()) {
                return;
            }
            String answer = apply(text.trim());
            try (c) {
                c.write(ByteBuffer.wrap((answer + "\n").getBytes(StandardCharsets.US_ASCII)));
            }
        }

        private String apply(String command) {
            try {
                if (command.equals(DOWN)) {
                    stopListening();
                    System.out.println("demo balancer: down (front port closed, connections dropped)");
                    return "ok";
                }
                if (command.equals(UP)) {
                    listen();
                    System.out.println("demo balancer: up again on " + front);
                    return "ok";
                }
                return "error: unknown command \"" + command + "\" (down or up)";
            } catch (IOException e) {
                return "error: " + e.getMessage();
            }
        }
    }
}

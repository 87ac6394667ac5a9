package io.stressgate.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IPv4 and IPv6 connect() calls of an {@code strace -f -e trace=connect} log, each with its address and port.
 * strace stops a process at every connect() it makes, so the log holds connections that opened and closed at once
 * and attempts that failed, which a look at the sockets in /proc between two moments would miss.
 */
final class ConnectTrace {
    private static final Pattern IPV4 = Pattern.compile("sa_family=AF_INET, sin_port=htons\\((\\d+)\\), sin_addr=inet_addr\\(\"([0-9.]+)\"\\)");
    private static final Pattern IPV6 = Pattern.compile(
            "sa_family=AF_INET6, sin6_port=htons\\((\\d+)\\), .*inet_pton\\(AF_INET6, \"([0-9a-fA-F:.]+)\"");
    private static final Pattern INET_FAMILY = Pattern.compile("sa_family=AF_INET6?[,}]");

    private ConnectTrace() {
    }

    /** One connect() to an IP address, as strace printed it. */
    record Connect(String address, int port, String line) {
        /** Whether the address is 127.0.0.0/8, ::1 or an IPv4-mapped 127.x address (a literal: nothing is looked up). */
        boolean loopback() {
            try {
                return InetAddress.getByName(address).isLoopbackAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException("not an address literal in '" + line + "'", e);
            }
        }
    }

    static List<Connect> read(Path log) throws IOException {
        return parse(log, Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    /**
     * The connect() calls to IP addresses in the lines; other families (AF_UNIX, AF_UNSPEC, AF_NETLINK) are left out.
     * A connect() to AF_INET or AF_INET6 that cannot be read is an error, so no connection goes unchecked.
     */
    static List<Connect> parse(Path log, List<String> lines) {
        List<Connect> connects = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.contains("connect(") || !INET_FAMILY.matcher(line).find()) {
                continue;
            }
            Matcher m = IPV4.matcher(line);
            Matcher m6 = IPV6.matcher(line);
            if (m.find()) {
                connects.add(new Connect(m.group(2), Integer.parseInt(m.group(1)), line));
            } else if (m6.find()) {
                connects.add(new Connect(m6.group(2), Integer.parseInt(m6.group(1)), line));
            } else {
                throw new IllegalStateException(log + ":" + (i + 1) + ": a connect() whose address cannot be read: " + line);
            }
        }
        return connects;
    }
}

package io.stressgate.engine.testing;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process for sampler tests, driven line by line on stdin: {@code alloc <MiB>} allocates and touches
 * memory, {@code spin} starts a thread that burns CPU, {@code files <n>} opens n file descriptors,
 * {@code spawn <n>} starts n {@code sleep} children and prints their pids. Answers each command with a line
 * starting {@code ok}. Exits when stdin closes, after killing the children it spawned.
 */
public final class Workload {
    private static final List<byte[]> MEMORY = new ArrayList<>();
    private static final List<InputStream> FILES = new ArrayList<>();
    private static final List<Process> CHILDREN = new ArrayList<>();
    private static volatile long sink;

    private Workload() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ");
            int n = words.length > 1 ? Integer.parseInt(words[1]) : 0;
            StringBuilder answer = new StringBuilder("ok");
            switch (words[0]) {
                case "alloc" -> alloc(n);
                case "spin" -> spin();
                case "files" -> files(n);
                case "spawn" -> spawn(n, answer);
                default -> answer.append(" unknown ").append(words[0]);
            }
            System.out.println(answer);
            System.out.flush();
        }
        CHILDREN.forEach(Process::destroyForcibly);
    }

    private static void alloc(int mib) {
        for (int i = 0; i < mib; i++) {
            byte[] block = new byte[1 << 20];
            for (int page = 0; page < block.length; page += 4096) {
                block[page] = 1;
            }
            MEMORY.add(block);
        }
    }

    private static void spin() {
        Thread t = new Thread(() -> {
            long x = 0;
            while (true) {
                x += System.nanoTime() % 7;
                sink = x;
            }
        }, "spin");
        t.setDaemon(true);
        t.start();
    }

    private static void files(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            FILES.add(new FileInputStream("/dev/null"));
        }
    }

    private static void spawn(int n, StringBuilder answer) throws Exception {
        for (int i = 0; i < n; i++) {
            Process p = new ProcessBuilder("sleep", "300").start();
            CHILDREN.add(p);
            answer.append(' ').append(p.pid());
        }
    }
}

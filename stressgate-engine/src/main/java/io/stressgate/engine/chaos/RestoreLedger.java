package io.stressgate.engine.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.stressgate.engine.process.ProcFs;
import io.stressgate.engine.process.ProcessKey;
import io.stressgate.engine.process.ProcessTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk list of restores owed, as fsync'd JSON lines in {@code <stateDir>/restore-ledger.jsonl}: an
 * {@code open} line is written and synced BEFORE the stop it undoes runs, a {@code done} line after the restore
 * succeeded. Several runs on one agent share it under a file lock. A torn last line (a crash while writing it) is
 * ignored: its stop never ran.
 */
public final class RestoreLedger {
    static final String FILE = "restore-ledger.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(RestoreLedger.class);
    private static final Object JVM_LOCK = new Object(); // FileLock does not exclude threads of one JVM
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY)).build();

    private final Path dir;
    private final Clock clock;
    private final ProcFs proc;
    private final ProcessKey self;

    public RestoreLedger(Path stateDir, Clock clock, ProcFs proc, ProcessKey self) {
        this.dir = stateDir;
        this.clock = clock;
        this.proc = proc;
        this.self = self;
    }

    /** One line of the file. */
    record Line(String op, LedgerEntry entry, String id) {
    }

    /** Records and syncs a command restore; returns the entry once it is on disk. */
    public LedgerEntry recordCommand(String name, List<String> restore, Path workdir) throws IOException {
        return open(new LedgerEntry(UUID.randomUUID().toString(), name, LedgerEntry.Kind.COMMAND, restore, List.of(), self,
                proc.bootId(), workdir.toAbsolutePath().toString(), clock.instant()));
    }

    /** Records and syncs that processes are about to be stopped with STOP and owe a CONT. */
    public LedgerEntry recordPause(String name, List<ProcessKey> paused) throws IOException {
        return open(new LedgerEntry(UUID.randomUUID().toString(), name, LedgerEntry.Kind.CONTINUE, List.of(), paused, self,
                proc.bootId(), null, clock.instant()));
    }

    private LedgerEntry open(LedgerEntry entry) throws IOException {
        append(new Line("open", entry, entry.id()));
        return entry;
    }

    /** Marks an entry restored; empties the file once nothing is owed. */
    public void done(String id) throws IOException {
        append(new Line("done", null, id));
        locked(() -> {
            if (readPending().isEmpty()) {
                try (FileChannel file = FileChannel.open(dir.resolve(FILE), StandardOpenOption.WRITE)) {
                    file.truncate(0);
                    file.force(true);
                }
            }
            return null;
        });
    }

    /** Every entry not yet restored, oldest first. */
    public List<LedgerEntry> pending() throws IOException {
        return locked(this::readPending);
    }

    /**
     * The pending entries whose owner has exited, or was running before the machine rebooted: an aborted run's
     * restores, which any run may now perform. A pause recorded before a reboot owes nothing (its processes are gone).
     */
    public List<LedgerEntry> leftovers() throws IOException {
        ProcessTable table = proc.table();
        String boot = proc.bootId();
        return pending().stream().filter(e -> !e.owner().equals(self) || !boot.equals(e.bootId()))
                .filter(e -> !boot.equals(e.bootId()) || !table.alive(e.owner())).toList();
    }

    /** The pending entries this process recorded. */
    public List<LedgerEntry> mine() throws IOException {
        String boot = proc.bootId();
        return pending().stream().filter(e -> e.owner().equals(self) && boot.equals(e.bootId())).toList();
    }

    private void append(Line line) throws IOException {
        byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        locked(() -> {
            boolean created = !Files.exists(dir.resolve(FILE));
            try (FileChannel file = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
                file.force(true);
            }
            if (created) {
                StateDirs.syncDirectory(dir);
            }
            return null;
        });
    }

    /** Work on the ledger file that no other thread or process may interleave with. */
    private interface LedgerWork<T> {
        T run() throws IOException;
    }

    private <T> T locked(LedgerWork<T> work) throws IOException {
        synchronized (JVM_LOCK) {
            StateDirs.create(dir);
            try (FileChannel lock = FileChannel.open(dir.resolve("restore-ledger.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock held = lock.lock();
                try {
                    return work.run();
                } finally {
                    held.release();
                }
            }
        }
    }

    private List<LedgerEntry> readPending() throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<String, LedgerEntry> open = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            try {
                Line line = JSON.readValue(text, Line.class);
                if ("open".equals(line.op()) && line.entry() != null) {
                    open.put(line.entry().id(), line.entry());
                } else if ("done".equals(line.op())) {
                    open.remove(line.id());
                }
            } catch (IOException e) {
                LOG.warn("{} line {} cannot be read and is skipped (a write cut short before its stop ran): {}", file, i + 1,
                        e.getMessage());
            }
        }
        return new ArrayList<>(open.values());
    }
}

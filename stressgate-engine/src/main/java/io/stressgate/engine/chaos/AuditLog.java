package io.stressgate.engine.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stressgate.engine.process.LogSafe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only record of what chaos did on this agent ({@code <stateDir>/audit.jsonl}): every action with its
 * outcome, every restore, every use of the other-users override. Also logged; a write failure is logged, not thrown,
 * because the audit must never stop a restore.
 */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final Clock clock;
    private final long selfPid;

    public AuditLog(Path stateDir, Clock clock, long selfPid) {
        this.dir = stateDir;
        this.clock = clock;
        this.selfPid = selfPid;
    }

    /** Appends one entry: what happened, to what, and the details as text. */
    public void write(String what, String subject, String detail) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", clock.instant().toString());
        entry.put("pid", selfPid);
        entry.put("user", System.getProperty("user.name"));
        entry.put("what", what);
        entry.put("subject", subject);
        entry.put("detail", detail);
        LOG.info("chaos audit: {} {}: {}", what, LogSafe.text(subject), LogSafe.text(detail));
        try {
            StateDirs.create(dir);
            Files.write(dir.resolve("audit.jsonl"), (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            LOG.error("could not write the chaos audit entry {} {} to {}: {}", what, subject, dir, e.toString());
        }
    }
}

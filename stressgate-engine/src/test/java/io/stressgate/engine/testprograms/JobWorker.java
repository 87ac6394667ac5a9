package io.stressgate.engine.testprograms;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A queue worker stand-in: takes jobs one after another, writing "started N" and "done N" to a journal. Killed
 * mid-job it loses that job: the journal shows it started but never done. Ends by itself after 200 jobs.
 * Arguments: journal file, milliseconds per job.
 */
public final class JobWorker {
    private JobWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path journal = Path.of(args[0]);
        long jobMillis = Long.parseLong(args[1]);
        System.out.println("ready");
        System.out.flush();
        for (int job = 1; job <= 200; job++) {
            write(journal, "started " + job);
            Thread.sleep(jobMillis);
            write(journal, "done " + job);
        }
    }

    private static void write(Path journal, String line) throws Exception {
        Files.writeString(journal, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

package io.stressgate.engine.testprograms;

/**
 * A worker that runs a helper process ({@code sleep}), as the seed's Celery task runs mubeng. "careless" leaves the
 * helper running when the worker dies; "clean" stops it on the way out (which works for TERM, not for KILL);
 * "strip-cookie" is careless and also removes the run cookie from the helper's environment. Prints "child PID".
 * Arguments: mode, seconds the helper and the worker live.
 */
public final class Spawner {
    private Spawner() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long seconds = Long.parseLong(args[1]);
        ProcessBuilder builder = new ProcessBuilder("sleep", Long.toString(seconds)).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (mode.equals("strip-cookie")) {
            builder.environment().remove("STRESSGATE_RUN");
        }
        Process child = builder.start();
        if (mode.equals("clean")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        System.out.println("child " + child.pid());
        System.out.flush();
        Thread.sleep(seconds * 1000);
    }
}

package io.stressgate.server.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Lets requests in and counts those in flight; once the service is stopping every new request gets 503 with
 * Retry-After while those already in flight finish, and {@link #awaitIdle} tells when they have.
 */
public final class Admission implements Filter {
    static final int RETRY_AFTER_STOPPING = 5;

    private final Object lock = new Object();
    private final Object first = new Object();
    private volatile boolean warm;
    private boolean stopping;
    private int inFlight;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!enter()) {
            refuse((HttpServletResponse) response);
            return;
        }
        try {
            if (warm) {
                chain.doFilter(request, response);
            } else {
                firstThrough(request, response, chain);
            }
        } finally {
            try {
                complete(response);
            } finally {
                leave();
            }
        }
    }

    /**
     * Lets requests through one at a time until one has gone all the way: Javalin 6 makes its servlet's configuration
     * lazily without a lock, and two first requests at once can see it half made (a NullPointerException, answered 500).
     * The lock and the volatile flag publish what the first request made to every later one. The service sends itself
     * a request as it starts (see WebApp#start), so clients seldom wait here.
     */
    private void firstThrough(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        synchronized (first) {
            if (!warm) {
                chain.doFilter(request, response);
                warm = true;
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Writes the rest of the response before the request counts as done, so a stop that follows cannot cut an answer
     * that was already decided (an acknowledged upload must reach its client).
     */
    private static void complete(ServletResponse response) throws IOException {
        try {
            response.getOutputStream().close();
        } catch (IllegalStateException e) {
            response.getWriter().close();
        }
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(503);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_STOPPING));
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"status\":503,\"error\":\"stopping\",\"message\":\"the service is stopping; "
                + "retry in a few seconds\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** Counts the request in, unless the service is stopping: both under one lock, so a stop never misses one. */
    private boolean enter() {
        synchronized (lock) {
            if (stopping) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    private void leave() {
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }

    /** From now on new requests get 503. */
    public void stopAdmitting() {
        synchronized (lock) {
            stopping = true;
        }
    }

    public boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Waits until no request is in flight or the timeout passes; true when none is left. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}

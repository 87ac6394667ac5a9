package io.stressgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first-request gate that keeps concurrent first requests away from Javalin's unlocked lazy set-up. */
class AdmissionTest {
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldLetTheFirstRequestsInOneAtATimeUntilOneHasGoneAllTheWayAndThenAllAtOnce() throws Exception {
        Admission admission = new Admission();
        AtomicInteger early = new AtomicInteger();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean isFirst = new AtomicBoolean(true);
        FilterChain slowFirst = (req, res) -> {
            if (isFirst.getAndSet(false)) {
                firstInside.countDown();
                await(releaseFirst);
            } else if (releaseFirst.getCount() > 0) {
                early.incrementAndGet();
            }
        };
        List<Future<?>> cold = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cold.add(threads.submit(() -> pass(admission, slowFirst)));
        }
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);
        releaseFirst.countDown();
        for (Future<?> f : cold) {
            f.get(10, TimeUnit.SECONDS);
        }
        CyclicBarrier together = new CyclicBarrier(4);
        FilterChain meetInside = (req, res) -> {
            try {
                together.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the warm gate kept requests apart", e);
            }
        };
        List<Future<?>> warm = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            warm.add(threads.submit(() -> pass(admission, meetInside)));
        }
        for (Future<?> f : warm) {
            f.get(15, TimeUnit.SECONDS);
        }

        assertThat(early.get()).as("requests let in while the first had not finished").isZero();
        assertThat(admission.inFlight()).isZero();
    }

    private static Void pass(Admission admission, FilterChain chain) throws Exception {
        admission.doFilter(request(), response(), chain);
        return null;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ServletRequest request() {
        return (ServletRequest) Proxy.newProxyInstance(AdmissionTest.class.getClassLoader(), new Class<?>[] {ServletRequest.class},
                (proxy, method, args) -> null);
    }

    /** A response whose body goes nowhere: the gate only closes its stream. */
    private static ServletResponse response() {
        ServletOutputStream sink = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
            }
        };
        return (ServletResponse) Proxy.newProxyInstance(AdmissionTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> method.getName().equals("getOutputStream") ? sink : null);
    }
}

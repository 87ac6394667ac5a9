package io.stressgate.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium for the report tests: Debian's chromium and chromedriver (CI installs both), a fresh profile
 * directory, no background networking, and the browser console collected so errors and CSP violations can be read.
 * Registered as a JUnit extension, it starts before a test class's first test and is stopped (driver, browser and
 * profile directory) after its last, also when a test fails.
 */
final class Browser implements BeforeAllCallback, AfterAllCallback {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Reads back every canvas: its label, size, and how many of its pixels are painted. */
    static final String CANVAS_PIXELS = """
            return Array.from(document.querySelectorAll('canvas')).map(function (c) {
              var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, painted = 0;
              for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { painted++; } }
              return { label: c.getAttribute('aria-label'), width: c.width, height: c.height, painted: painted };
            });""";

    private Path profile;
    private ChromeDriverService service;
    private ChromeDriver driver;

    /** Starts the browser; fails with what to install when chromium or chromedriver is missing. */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assertThat(CHROMIUM).as("%s is needed for the browser tests (apt-get install chromium)", CHROMIUM).isExecutable();
        assertThat(CHROMEDRIVER).as("%s is needed for the browser tests (apt-get install chromium-driver)", CHROMEDRIVER)
                .isExecutable();
        profile = Files.createTempDirectory("stressgate-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1600", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(15)).scriptTimeout(Duration.ofSeconds(10));
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(Path file) {
        driver.get(file.toUri().toString());
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> canvases() {
        return (List<Map<String, Object>>) driver.executeScript(CANVAS_PIXELS);
    }

    /** Console entries since the last call: errors, CSP violations, failed loads. */
    List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    static List<LogEntry> severe(List<LogEntry> entries) {
        return entries.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    boolean alertOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /** Stops whatever {@link #beforeAll} got to start, even when it failed half-way. */
    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            if (profile != null) {
                deleteTree(profile);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package io.callcenter.gateway;

import io.callcenter.model.stats.CallCenterStatsUpdated;
import io.callcenter.model.stats.CallCenterStatsUpdated.AgentsByStatus;
import io.callcenter.model.stats.CallCenterStatsUpdated.CallFigures;
import io.callcenter.model.stats.CallCenterStatsUpdated.Now;
import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's wallboard in real headless Chromium against a gateway: the figures of call-stats' latest snapshot
 * (published straight to {@code callcenter.call-stats.v1}) appear as tiles and a calls-per-minute chart, first from
 * {@code GET /api/call-center/stats}, then updated by the {@code call_center_stats} push the console asks for.
 * Screenshots land in crm-push-gateway/target/screenshots/.
 */
@RealInfrastructure
class WallboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private WebDriver browser;

    @BeforeEach
    void chromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian chromium and chromium-driver are needed (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile-"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theWallboardShowsTheLatestFiguresAndFollowsThePushes() throws Exception {
        GatewayInstance gateway = SharedGateways.first();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestEvents.publish(snapshot(now, 12, 0.75, 42.5));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(gateway.url() + "/");

        wait.until(ExpectedConditions.attributeToBe(By.id("wallboard"), "data-state", "live"));
        wait.until(d -> tile("offered").equals("12"));
        assertThat(tile("answered")).isEqualTo("9");
        assertThat(tile("abandoned")).isEqualTo("1");
        assertThat(tile("notAnswered")).isEqualTo("1");
        assertThat(tile("rejected")).isEqualTo("1");
        assertThat(tile("serviceLevel")).isEqualTo("75 %");
        assertThat(tileLabel("serviceLevel")).isEqualTo("Service level (20 s)");
        assertThat(tile("avgTimeToAnswer")).isEqualTo("8.5 s");
        assertThat(tile("p90TimeToAnswer")).isEqualTo("19.0 s");
        assertThat(tile("avgHandleTime")).isEqualTo("2:05");
        assertThat(tile("longestWaiting")).isEqualTo("42.5 s");
        assertThat(tile("ringing")).isEqualTo("2");
        assertThat(tile("agents")).isEqualTo("3 avail · 4 busy · 1 away");
        assertThat(alert("serviceLevel")).as("75 % is below 80 %").isEqualTo("true");
        assertThat(alert("longestWaiting")).as("42.5 s is over the 20 s threshold").isEqualTo("true");

        // read in one script: a re-render (the REST answer and the push carry the same snapshot) replaces the bars,
        // and elements found before it would be stale
        assertThat(chartBars()).containsExactly("0:2", "0:2", "0:2", "0:2", "0:2", "0:2", "0:2", "0:2", "0:2", "0:2",
                "0:2", "0:2", "3:2", "5:2", "4:2");
        screenshot("wallboard");

        // a newer snapshot reaches the page through call_center_stats (the console joined with stats: true)
        // never ahead of the clock: another test class's snapshot published later must still count as newer
        Instant later = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestEvents.publish(snapshot(later.isAfter(now) ? later : now.plusMillis(1), 13, 0.9, null));
        wait.until(d -> tile("offered").equals("13"));
        assertThat(tile("serviceLevel")).isEqualTo("90 %");
        assertThat(alert("serviceLevel")).isEqualTo("false");
        assertThat(tile("longestWaiting")).isEqualTo("–");
        screenshot("wallboard-pushed");
    }

    /** Each minute of the chart as {@code offered:rects}, read atomically in the page. */
    @SuppressWarnings("unchecked")
    private List<String> chartBars() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('[data-testid=chart-minute]'))"
                        + ".map(m => m.getAttribute('data-offered') + ':' + m.querySelectorAll('rect').length);");
    }

    private String tile(String stat) {
        return browser.findElement(By.cssSelector("[data-testid=stat-tile][data-stat=" + stat + "] .tile-value"))
                .getText();
    }

    private String tileLabel(String stat) {
        return browser.findElement(By.cssSelector("[data-testid=stat-tile][data-stat=" + stat + "] .tile-label"))
                .getText();
    }

    private String alert(String stat) {
        return browser.findElement(By.cssSelector("[data-testid=stat-tile][data-stat=" + stat + "]"))
                .getAttribute("data-alert");
    }

    /** Offered 3, 5, then {@code offered - 8} in the last three minutes; the rest as the assertions read. */
    private static CallCenterStatsUpdated snapshot(Instant now, int offered, double serviceLevel,
                                                   Double longestWaiting) {
        Instant current = now.truncatedTo(ChronoUnit.MINUTES);
        List<CallFigures> minutes = new ArrayList<>();
        for (int back = 59; back >= 0; back--) {
            Instant from = current.minusSeconds(back * 60L);
            int inMinute = back == 2 ? 3 : back == 1 ? 5 : back == 0 ? offered - 8 : 0;
            minutes.add(new CallFigures(from, from.plusSeconds(60), inMinute, Math.min(inMinute, 3), 0, 0, 0, 0,
                    null, null, null, 0, null));
        }
        CallFigures quarter = new CallFigures(current.minusSeconds(14 * 60), current.plusSeconds(60), offered, 9, 1,
                1, 1, 9, serviceLevel, 8.5, 19.0, 7, 125.0);
        return new CallCenterStatsUpdated(UUID.randomUUID(), now, 1, CallCenterStatsUpdated.SCOPE_CALL_CENTER, 20,
                new Now(2, longestWaiting == null ? null : "CALL_WALLBOARD", longestWaiting,
                        new AgentsByStatus(3, 4, 1, 0)), quarter, quarter, minutes, List.of());
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}

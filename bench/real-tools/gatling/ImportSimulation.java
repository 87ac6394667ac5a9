import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Two request names against the loopback target named by -Dtarget (http://127.0.0.1:PORT): users/s for seconds from
 * -Drate and -Dseconds. The warm-up request Gatling sends to its web site by default is turned off here.
 */
public class ImportSimulation extends Simulation {
    private final HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("target")).disableWarmUp();

    private final ScenarioBuilder users = scenario("users")
            .exec(http("home").get("/").check(status().is(200)))
            .exec(http("missing").get("/missing").check(status().is(200)));

    {
        setUp(users.injectOpen(constantUsersPerSec(Integer.getInteger("rate", 20)).during(Integer.getInteger("seconds", 5))))
                .protocols(protocol);
    }
}

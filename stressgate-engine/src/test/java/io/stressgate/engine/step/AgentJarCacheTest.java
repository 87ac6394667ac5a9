package io.stressgate.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentJarCacheTest {
    private static final String SHA = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String OTHER = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String UUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private final AgentJarCache cache = new AgentJarCache(SHA.toUpperCase(java.util.Locale.ROOT));

    @Test
    void shouldComputeTheKnownSha256OfAStream() throws Exception {
        assertThat(AgentJarCache.sha256(new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(SHA);
        assertThat(AgentJarCache.sha256(new ByteArrayInputStream(new byte[0]))).isEqualTo(OTHER);
    }

    @Test
    void shouldNameTheCachedJarByItsFullSha256() {
        assertThat(cache.fileName()).isEqualTo("stressgate-agent-" + SHA + ".jar");
        assertThat(cache.partName(UUID)).isEqualTo("stressgate-agent-" + SHA + ".jar." + UUID + ".part");
    }

    @Test
    void shouldRefuseADigestOrPartNameThatCouldLeaveTheDirectory() {
        assertThatThrownBy(() -> new AgentJarCache("../../evil")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../../evil");
        assertThatThrownBy(() -> new AgentJarCache("0123456789abcdef0123456789abcdef")).as("an MD5 is not enough")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgentJarCache(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.partName("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTryTheAgentsCacheFirstThenTheWorkspaceTemporaryDirectory() {
        assertThat(AgentJarCache.directories("/home/jenkins/agent/", "/ws/job@tmp/stressgate", true))
                .containsExactly("/home/jenkins/agent/caches/stressgate", "/ws/job@tmp/stressgate");
        assertThat(AgentJarCache.directories("C:\\jenkins", "C:\\ws\\job@tmp\\stressgate", false))
                .containsExactly("C:\\jenkins\\caches\\stressgate", "C:\\ws\\job@tmp\\stressgate");
    }

    @Test
    void shouldUseOnlyTheWorkspaceWhenTheAgentRootIsUnknownOrNotPlain() {
        assertThat(AgentJarCache.directories(null, "/ws@tmp/stressgate", true)).containsExactly("/ws@tmp/stressgate");
        assertThat(AgentJarCache.directories(" ", "/ws@tmp/stressgate", true)).containsExactly("/ws@tmp/stressgate");
        assertThat(AgentJarCache.directories("/agent\n/x", "/ws@tmp/stressgate", true)).containsExactly("/ws@tmp/stressgate");
    }

    @Test
    void shouldCopyWhenNothingIsCached() {
        assertThat(cache.decide(false, null)).isEqualTo(AgentJarCache.Action.COPY);
    }

    @Test
    void shouldReuseTheCachedJarWhileItsDigestMatches() {
        assertThat(cache.decide(true, SHA)).isEqualTo(AgentJarCache.Action.REUSE);
        assertThat(cache.decide(true, SHA.toUpperCase(java.util.Locale.ROOT))).isEqualTo(AgentJarCache.Action.REUSE);
    }

    @Test
    void shouldReplaceACachedJarWhoseDigestDiffersOrCannotBeRead() {
        assertThat(cache.decide(true, OTHER)).isEqualTo(AgentJarCache.Action.REPLACE);
        assertThat(cache.decide(true, null)).isEqualTo(AgentJarCache.Action.REPLACE);
        assertThat(cache.decide(true, "")).isEqualTo(AgentJarCache.Action.REPLACE);
    }

    @Test
    void shouldUseAJarAnotherBuildRenamedIntoPlaceOnlyWhenItsDigestMatches() {
        assertThat(cache.lostRaceUsable(true, SHA)).isTrue();
        assertThat(cache.lostRaceUsable(true, OTHER)).isFalse();
        assertThat(cache.lostRaceUsable(false, null)).isFalse();
    }

    @Test
    void shouldDeleteOnlyOtherVersionsOfTheJarAndTheirPartialCopies() {
        String old = "stressgate-agent-" + OTHER + ".jar";
        List<String> names = List.of(cache.fileName(), cache.partName(UUID), old, old + "." + UUID + ".part",
                "stressgate-cli-0123456789abcdef0123456789abcdef.jar", "notes.txt", "stressgate-agent-x.jar");

        assertThat(cache.stale(names)).containsExactly(old, old + "." + UUID + ".part");
    }
}

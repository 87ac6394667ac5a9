package io.stressgate.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stressgate.engine.scenario.ShardRole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardRoleTest {

    @Test
    void shouldParseIndexSlashCountWithTheDefaultGroup() {
        ShardRole role = ShardRole.parse("2/3", null, 1);

        assertThat(role).isEqualTo(new ShardRole(2, 3, "default", 1));
        assertThat(role.isPrimary()).isFalse();
    }

    @Test
    void shouldRefuseWhatIsNotAShardOfTheCountNamingTheValue() {
        assertThatThrownBy(() -> ShardRole.parse("4/3", null, 1)).hasMessageContaining("shard 4 is not from 1 to 3");
        assertThatThrownBy(() -> ShardRole.parse("0/3", null, 1)).hasMessageContaining("shard 0");
        assertThatThrownBy(() -> ShardRole.parse("two/3", null, 1)).hasMessageContaining("\"two/3\" is not of the form I/N");
        assertThatThrownBy(() -> ShardRole.parse("1/3", null, 4)).hasMessageContaining("primary shard 4");
        assertThatThrownBy(() -> ShardRole.parse("1/3", "a b", 1)).hasMessageContaining("shard group \"a b\"");
        assertThatThrownBy(() -> ShardRole.parse("1/2000", null, 1)).hasMessageContaining("1024");
    }

    @Test
    void shouldNumberUsersSoTheShardsTogetherUseEachIdOnce() {
        List<Long> ids = new ArrayList<>();
        for (int shard = 1; shard <= 3; shard++) {
            ShardRole role = new ShardRole(shard, 3, "g", 1);
            for (long local = 1; local <= Shares.of(10, shard, 3); local++) {
                ids.add(role.globalId(local));
            }
        }

        assertThat(ids).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }
}

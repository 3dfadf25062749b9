package dev.multitasking.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.internal.serialization.SerializationClassNameFilter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The class filter members and clients deserialize through, asked as Hazelcast asks it (its
 * own filter class, fed the configuration {@link Settings} gives): the project's list, and
 * nothing that list leaves out, whatever Hazelcast's defaults would have admitted.
 */
class SettingsTest {

    private static final SerializationClassNameFilter FILTER = new SerializationClassNameFilter(Settings.filter());

    @ParameterizedTest
    @ValueSource(strings = {
        "javax.management.BadAttributeValueExpException", "java.rmi.server.RemoteObjectInvocationHandler",
        "javax.naming.spi.ContinuationContext", "javax.swing.UIDefaults", "javassist.util.proxy.ProxyObject",
        "com.hazelcast.internal.util.ConcurrentReferenceHashMap", "com.hazelcast.internal.json.JsonObject",
        "java.util.Comparator", "java.util.ServiceLoader", "java.lang.reflect.Proxy", "java.lang.invoke.MethodHandle",
        "java.net.URL", "java.beans.EventHandler", "org.apache.commons.collections.functors.InvokerTransformer",
        "com.hazelcast.core.subpackage.Gadget", "java.langx.Thing",
    })
    void aClassTheProjectsListLeavesOut_isRefused(String className) {
        assertThatThrownBy(() -> FILTER.filter(className)).isInstanceOf(SecurityException.class).hasMessageContaining(className);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "dev.multitasking.core.Spanned", "dev.multitasking.core.Timed", "dev.multitasking.cluster.SlowSquare",
        "java.lang.Long", "java.lang.IllegalStateException", "java.lang.StackTraceElement", "java.util.ArrayList",
        "java.util.Collections$UnmodifiableRandomAccessList", "java.util.ImmutableCollections$ListN", "java.util.concurrent.CancellationException",
        "java.time.Duration", "java.math.BigInteger", "java.io.IOException", "[Ljava.lang.StackTraceElement;", "[J",
        "com.hazelcast.core.MemberLeftException", "com.hazelcast.spi.exception.PartitionMigratingException",
        "com.hazelcast.spi.exception.TargetNotMemberException", "com.hazelcast.durableexecutor.StaleTaskIdException",
        "com.hazelcast.internal.partition.PartitionStateVersionMismatchException",
    })
    void theProjectsTasksResultsAndHazelcastsExceptions_areAdmitted(String className) {
        assertThatCode(() -> FILTER.filter(className)).doesNotThrowAnyException();
    }
}

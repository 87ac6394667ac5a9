package io.jenkins.plugins.stressgate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.util.AbstractMap;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * One scenario variable as the Snippet Generator can describe it: {@code variables: [stressVar(name: 'TARGET',
 * value: '...')]}. Scripts may keep passing {@code vars: [TARGET: '...']}; structs cannot describe a Map, a list of
 * these it can. The checks are the engine's, the same for both forms.
 */
public final class StressVar implements Describable<StressVar> {
    private final String name;
    private final String value;

    @DataBoundConstructor
    public StressVar(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    Map.Entry<String, String> entry() {
        return new AbstractMap.SimpleImmutableEntry<>(name, value);
    }

    @Extension
    @Symbol("stressVar")
    public static final class DescriptorImpl extends Descriptor<StressVar> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Scenario variable";
        }
    }
}

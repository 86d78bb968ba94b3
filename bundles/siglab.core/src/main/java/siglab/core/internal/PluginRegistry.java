package siglab.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import siglab.api.Configurable;
import siglab.api.SigLab;
import siglab.api.data.DatasetLoader;
import siglab.api.eval.Metric;
import siglab.api.eval.Plotter;
import siglab.api.eval.Reporter;
import siglab.api.eval.ThresholdPolicy;
import siglab.api.model.EncoderFactory;
import siglab.api.model.LossFactory;
import siglab.api.model.TrainingLoop;
import siglab.core.Kind;
import siglab.core.PluginInfo;
import siglab.core.Plugins;

/**
 * Tracks every plug-in service by kind and {@code siglab.type}, greedily and dynamically, so that a
 * bundle dropped into plugins/ is usable at once and one removed is gone at once.
 */
@Component(service = {Plugins.class, PluginRegistry.class})
public final class PluginRegistry implements Plugins {

    private record Entry(Object service, PluginInfo info) {}

    private final Map<Kind, Map<String, Entry>> entries = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDataset(DatasetLoader<?> service, ServiceReference<DatasetLoader<?>> reference) {
        add(Kind.DATASET, service, reference);
    }

    void removeDataset(ServiceReference<DatasetLoader<?>> reference) {
        remove(Kind.DATASET, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addEncoder(EncoderFactory<?> service, ServiceReference<EncoderFactory<?>> reference) {
        add(Kind.ENCODER, service, reference);
    }

    void removeEncoder(ServiceReference<EncoderFactory<?>> reference) {
        remove(Kind.ENCODER, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addLoss(LossFactory<?> service, ServiceReference<LossFactory<?>> reference) {
        add(Kind.LOSS, service, reference);
    }

    void removeLoss(ServiceReference<LossFactory<?>> reference) {
        remove(Kind.LOSS, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTraining(TrainingLoop<?> service, ServiceReference<TrainingLoop<?>> reference) {
        add(Kind.TRAINING, service, reference);
    }

    void removeTraining(ServiceReference<TrainingLoop<?>> reference) {
        remove(Kind.TRAINING, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addThreshold(ThresholdPolicy<?> service, ServiceReference<ThresholdPolicy<?>> reference) {
        add(Kind.THRESHOLD, service, reference);
    }

    void removeThreshold(ServiceReference<ThresholdPolicy<?>> reference) {
        remove(Kind.THRESHOLD, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addMetric(Metric service, ServiceReference<Metric> reference) {
        add(Kind.METRIC, service, reference);
    }

    void removeMetric(ServiceReference<Metric> reference) {
        remove(Kind.METRIC, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPlot(Plotter service, ServiceReference<Plotter> reference) {
        add(Kind.PLOT, service, reference);
    }

    void removePlot(ServiceReference<Plotter> reference) {
        remove(Kind.PLOT, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addReporter(Reporter service, ServiceReference<Reporter> reference) {
        add(Kind.REPORT, service, reference);
    }

    void removeReporter(ServiceReference<Reporter> reference) {
        remove(Kind.REPORT, reference);
    }

    /** Registers a plug-in directly: for tests that run without a framework. */
    public void register(Kind kind, String type, Object service) {
        entries.computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
                .put(type, new Entry(service, info(kind, type, "", "(test)", "0", service)));
    }

    private void add(Kind kind, Object service, ServiceReference<?> reference) {
        Object type = reference.getProperty(SigLab.TYPE);
        if (type == null) {
            System.err.println("siglab: ignoring a " + kind.label() + " from bundle "
                    + reference.getBundle().getSymbolicName() + ": it has no " + SigLab.TYPE + " property");
            return;
        }
        Object description = reference.getProperty(SigLab.DESCRIPTION);
        PluginInfo info = info(kind, type.toString(), description == null ? "" : description.toString(),
                reference.getBundle().getSymbolicName(), reference.getBundle().getVersion().toString(), service);
        entries.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).put(type.toString(), new Entry(service, info));
    }

    private void remove(Kind kind, ServiceReference<?> reference) {
        Object type = reference.getProperty(SigLab.TYPE);
        Map<String, Entry> ofKind = entries.get(kind);
        if (type != null && ofKind != null) {
            ofKind.remove(type.toString());
        }
    }

    private static PluginInfo info(Kind kind, String type, String description, String bundle, String version,
            Object service) {
        List<siglab.core.ConfigOption> options = service instanceof Configurable<?> configurable
                ? ConfigRecords.options(configurable.configType()) : List.of();
        return new PluginInfo(kind, type, description, bundle, version, service.getClass().getName(), options);
    }

    @Override
    public List<PluginInfo> list() {
        List<PluginInfo> result = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Map<String, Entry> ofKind = entries.getOrDefault(kind, Map.of());
            ofKind.values().stream().map(Entry::info).sorted(Comparator.comparing(PluginInfo::type))
                    .forEach(result::add);
        }
        return result;
    }

    @Override
    public List<String> types(Kind kind) {
        return entries.getOrDefault(kind, Map.of()).keySet().stream().sorted().toList();
    }

    @Override
    public Optional<Object> find(Kind kind, String type) {
        Entry entry = entries.getOrDefault(kind, Map.of()).get(type);
        return Optional.ofNullable(entry == null ? null : entry.service());
    }
}

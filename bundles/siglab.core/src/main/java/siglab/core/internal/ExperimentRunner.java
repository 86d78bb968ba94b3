package siglab.core.internal;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import siglab.api.data.Dataset;
import siglab.api.data.DatasetContext;
import siglab.api.data.Sample;
import siglab.api.data.Writer;
import siglab.api.eval.Metric;
import siglab.api.eval.Plotter;
import siglab.api.eval.RunResults;
import siglab.api.eval.ScoredPair;
import siglab.api.eval.ThresholdPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import siglab.api.model.EpochRecord;
import siglab.api.model.Progress;
import siglab.api.model.SiameseLoss;
import siglab.api.model.TrainingContext;
import siglab.api.model.ValidationKeys;
import siglab.core.BenchOptions;
import siglab.core.ConfigException;
import siglab.core.Experiment;
import siglab.core.Experiments;
import siglab.core.Kind;
import siglab.core.RunOptions;
import siglab.core.RunInterruptedException;
import siglab.core.WriterSplit;
import siglab.data.image.ImagePreprocessor;
import siglab.data.image.ImageSettings;

/**
 * Runs an experiment end to end: opens the dataset, splits writers, decodes every image once,
 * builds the encoder, trains with per-epoch validation and checkpoints, scores validation and test
 * pairs, picks the threshold on validation pairs, computes test metrics and draws the plots, all
 * into a new run folder.
 */
@Component(service = Experiments.class)
public final class ExperimentRunner implements Experiments {

    private final PluginRegistry plugins;
    private final BundleContext context;
    private final Path home;

    @Activate
    public ExperimentRunner(@Reference PluginRegistry plugins, BundleContext context) {
        this.plugins = plugins;
        this.context = context;
        String homeProperty = context == null ? null : context.getProperty("siglab.home");
        this.home = Path.of(homeProperty == null ? "." : homeProperty).toAbsolutePath().normalize();
    }

    @Override
    public Experiment resolve(Path configFile, List<String> overrides) throws ConfigException, IOException {
        ConfigReader.Located located = new ConfigReader().read(configFile, overrides);
        String stem = configFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return new ConfigBinder(plugins, located, EncoderInit.recordedDigests(configFile)).bind(stem);
    }

    /** What a dataset loader is given: SigLab's cache, the working folder for relative roots, a log. */
    static DatasetContext datasetContext(Path cache, java.util.function.Consumer<String> log) {
        return new DatasetContext() {
            @Override
            public Path cacheDirectory() {
                return cache;
            }

            @Override
            public Path baseDirectory() {
                return Path.of("").toAbsolutePath();
            }

            @Override
            public void log(String message) {
                log.accept(message);
            }
        };
    }

    static Path cacheDirectory() {
        String configured = System.getProperty("siglab.cache", System.getenv("SIGLAB_CACHE"));
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "siglab");
    }

    @Override
    public List<WriterSplit> splits(Experiment experiment) throws IOException {
        BoundExperiment e = (BoundExperiment) experiment;
        Path cache = cacheDirectory();
        Files.createDirectories(cache);
        Dataset dataset = e.dataset().plugin().open(e.dataset().config(), datasetContext(cache, message -> { }));
        return WriterSplits.all(e.split(), dataset.writers().stream().map(Writer::id).toList(), e.seed());
    }

    @Override
    public Path run(Experiment experiment, RunOptions options) throws Exception {
        BoundExperiment e = (BoundExperiment) experiment;
        WriterSplits.requireOneRun(e.split());
        if (e.encoderInit() != null) {
            // A misfit origin is an error of the config: found before a run folder exists.
            e.encoderInit().verify(e);
        }
        Path run = RunFiles.createRunFolder(options.experiments(), e.name());
        RunFiles.write(run.resolve(RunFiles.CONFIG), e.yaml());
        Provenance provenance = new Provenance(e.name(), e.seed(), context, home);
        provenance.write(run.resolve(RunFiles.PROVENANCE));
        return work(e, run, provenance, options, ResumeState.FRESH);
    }

    @Override
    public Path resume(Path run, RunOptions options) throws Exception {
        Path config = run.resolve(RunFiles.CONFIG);
        Path provenanceFile = run.resolve(RunFiles.PROVENANCE);
        if (!Files.isRegularFile(config) || !Files.isRegularFile(provenanceFile)) {
            throw new IllegalArgumentException(run + " is not a run folder (no config.yaml or provenance.json)");
        }
        String status = status(run);
        if (status.equals("finished")) {
            throw new IllegalArgumentException(run + " has finished; nothing to resume (use rerun to repeat it)");
        }
        if (status.equals("running")) {
            throw new IllegalArgumentException(run + " is running in another process (pid "
                    + RunFiles.JSON.readTree(provenanceFile.toFile()).path("pid").asText() + ")");
        }
        BoundExperiment e = (BoundExperiment) resolve(config, List.of());
        if (e.encoderInit() != null) {
            e.encoderInit().verify(e);
        }
        List<EpochRecord> history = RunFiles.readHistory(run.resolve(RunFiles.HISTORY));
        Path last = run.resolve(RunFiles.CHECKPOINTS).resolve("last.params");
        if (!Files.exists(last)) {
            history = List.of();
        }
        double bestAuc = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        for (EpochRecord record : history) {
            Double auc = record.validation().get(ValidationKeys.AUC);
            if (auc != null && auc > bestAuc) {
                bestAuc = auc;
                bestEpoch = record.epoch();
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> before = RunFiles.JSON.readValue(provenanceFile.toFile(), Map.class);
        Provenance provenance = new Provenance(e.name(), e.seed(), context, home);
        provenance.continueFrom(before, status);
        provenance.write(provenanceFile);
        Object untrained = before.get("untrained_test");
        ResumeState state = new ResumeState(history.size() + 1, history, bestAuc, bestEpoch,
                history.isEmpty() ? null : last, untrained instanceof Map<?, ?> map ? castMap(map) : null);
        return work(e, run, provenance, options, state);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /**
     * A run's status from its folder: running, finished, failed, interrupted, or "died" for a run
     * marked running whose process is gone (its lock is free).
     */
    @Override
    public String status(Path run) throws IOException {
        return statusOf(run);
    }

    /** See {@link #status}. */
    static String statusOf(Path run) throws IOException {
        Path provenance = run.resolve(RunFiles.PROVENANCE);
        if (!Files.isRegularFile(provenance)) {
            return "unknown";
        }
        String status = RunFiles.JSON.readTree(provenance.toFile()).path("status").asText("unknown");
        if (status.equals("running") && !RunLock.held(run)) {
            return "died";
        }
        return status;
    }

    /** Where training starts: from scratch, or after the epochs a stopped run completed. */
    record ResumeState(int firstEpoch, List<EpochRecord> history, double bestAuc, int bestEpoch, Path parameters,
            Map<String, Object> untrained) {
        static final ResumeState FRESH = new ResumeState(1, List.of(), Double.NEGATIVE_INFINITY, 0, null, null);
    }

    private Path work(BoundExperiment e, Path run, Provenance provenance, RunOptions options, ResumeState state)
            throws Exception {
        try (RunLock lock = RunLock.acquire(run);
                InterruptHandler interrupt = new InterruptHandler();
                RunLog log = new RunLog(run.resolve(RunFiles.LOG), !options.quiet())) {
            log.log((state.firstEpoch() > 1 ? "resume " : "run ") + run);
            if (options.quiet()) {
                // Even a quiet run names its folder at once, so a run that dies can be found.
                System.err.println((state.firstEpoch() > 1 ? "resume " : "run ") + run);
            }
            try {
                execute(e, run, log, provenance, options, state, interrupt);
                provenance.finish("finished", null);
                provenance.write(run.resolve(RunFiles.PROVENANCE));
                writeReports(run, e.reports(), log);
                int warnings = provenance.healthWarnings();
                log.log("finished in " + run + (warnings == 0 ? "" : " with " + warnings + " training-health warning"
                        + (warnings == 1 ? "" : "s") + " (listed under \"health\" in provenance.json)"));
            } catch (RunInterruptedException stopped) {
                provenance.finish("interrupted", null);
                provenance.write(run.resolve(RunFiles.PROVENANCE));
                writeReports(run, e.reports(), log);
                log.log("interrupted; resume with: siglab resume " + run);
                throw stopped;
            } catch (Exception | Error failure) {
                provenance.finish("failed", String.valueOf(failure.getMessage()));
                provenance.write(run.resolve(RunFiles.PROVENANCE));
                log.log("failed: " + failure);
                writeReports(run, e.reports(), log);
                throw new RunFailedException(run, failure);
            }
        }
        return run;
    }

    private void execute(BoundExperiment e, Path run, RunLog log, Provenance provenance, RunOptions options,
            ResumeState state, InterruptHandler interrupt) throws Exception {
        // 1. Data: open, split writers, decode every image once.
        Path cache = cacheDirectory();
        Files.createDirectories(cache);
        DatasetContext datasetContext = datasetContext(cache, log::log);
        long start = System.nanoTime();
        Dataset dataset = e.dataset().plugin().open(e.dataset().config(), datasetContext);
        dataset.warnings().forEach(w -> log.log("warning: " + w));
        List<Writer> writers = new ArrayList<>(dataset.writers());
        Map<String, Writer> byId = new LinkedHashMap<>();
        writers.forEach(w -> byId.put(w.id(), w));
        WriterSplit writerSplit = WriterSplits.split(e.split(), List.copyOf(byId.keySet()), e.seed());
        List<Writer> trainWriters = writerSplit.train().stream().map(byId::get).toList();
        List<Writer> valWriters = writerSplit.val().stream().map(byId::get).toList();
        List<Writer> testWriters = writerSplit.test().stream().map(byId::get).toList();
        if (writerSplit.folds() > 0) {
            Map<String, Object> fold = new LinkedHashMap<>();
            fold.put("index", writerSplit.fold());
            fold.put("folds", writerSplit.folds());
            // The sweep that runs the folds names their group; a resumed run keeps the group it had.
            String group = System.getenv(Experiments.FOLD_GROUP_VARIABLE);
            if ((group == null || group.isBlank()) && provenance.get("fold", null) instanceof Map<?, ?> before
                    && before.get("group") != null) {
                group = before.get("group").toString();
            }
            if (group != null && !group.isBlank()) {
                fold.put("group", group);
            }
            provenance.put("fold", fold);
            log.log("writer fold " + writerSplit.fold() + " of " + writerSplit.folds()
                    + (group == null || group.isBlank() ? "" : " (group " + group + ")"));
        }
        int[] counts = {trainWriters.size(), valWriters.size(), testWriters.size()};
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("train", trainWriters.stream().map(Writer::id).sorted().toList());
        split.put("val", valWriters.stream().map(Writer::id).sorted().toList());
        split.put("test", testWriters.stream().map(Writer::id).sorted().toList());
        provenance.put("split", split);
        log.log("writers: " + counts[0] + " train, " + counts[1] + " validation, " + counts[2] + " test (of "
                + writers.size() + ")");

        ImagePreprocessor preprocessor = new ImagePreprocessor(e.image());
        List<List<Writer>> parts = List.of(trainWriters, valWriters, testWriters);
        List<MemoryImageBank> banks = decodeCached(parts, preprocessor, e, dataset, log, provenance);
        MemoryImageBank train = banks.get(0);
        MemoryImageBank val = banks.get(1);
        MemoryImageBank test = banks.get(2);
        provenance.write(run.resolve(RunFiles.PROVENANCE));
        log.log(String.format("images ready in %.1f s", (System.nanoTime() - start) / 1e9));
        if (interrupt.requested()) {
            throw new RunInterruptedException(run);
        }

        // 2. Model: a fresh encoder, seeded.
        Engine.getInstance().setRandomSeed((int) e.seed());
        ai.djl.util.RandomUtils.RANDOM.setSeed(e.seed());
        ImageSettings image = e.image();
        try (Model model = Model.newInstance("encoder")) {
            Block block = newEncoder(e, model);
            SiameseLoss loss = createLoss(e);
            Block head = ModelFiles.initialiseHead(model, loss, image);
            Scorer scorer = head == null ? Scorer.of(e.distance()) : Scorer.of(head, model.getNDManager());
            log.log("encoder " + e.encoder().type() + ": " + ModelFiles.parameterCount(block) + " parameters; "
                    + (loss == null ? "training " + e.training().type() + " trains with an objective of its own, no loss"
                            : "loss " + e.loss().type() + " (" + loss.input().name().toLowerCase() + ")"));
            if (e.ignoredLoss() != null) {
                log.log("note: training " + e.training().type() + " takes no loss; the config's loss section"
                        + (e.ignoredLoss().isEmpty() ? "" : " (" + e.ignoredLoss() + ")") + " is ignored");
            }
            String baseline = "untrained";
            if (e.encoderInit() != null) {
                EncoderInit.Origin origin = e.encoderInit().check(e.resolved());
                e.encoderInit().load(model, origin, e.resolved());
                provenance.put("encoder_init", origin.toMap());
                log.log("encoder initialised from " + origin.run() + " (" + origin.experiment() + ", model/encoder.params"
                        + " SHA-256 " + origin.sha256() + "): the untrained baseline below is that encoder, not a"
                        + " random one");
                baseline = "untrained (initialised from " + origin.run().getFileName() + ")";
            }

            // 3. Training, validated after every epoch.
            Path checkpoints = run.resolve(RunFiles.CHECKPOINTS);
            Files.createDirectories(checkpoints);
            EpochValidator validator = new EpochValidator(val, scorer, e.validation().triplets(), e.seed());
            Map<String, Object> untrainedEvaluation = state.untrained();
            if (untrainedEvaluation == null) {
                Map<String, Double> untrained = validator.validate(model, 0);
                log.log(String.format(java.util.Locale.ROOT,
                        "%s: validation triplet accuracy %.3f, AUC %.3f, embedding spread %.3f", baseline,
                        untrained.get(ValidationKeys.TRIPLET_ACCURACY), untrained.get(ValidationKeys.AUC),
                        untrained.get(ValidationKeys.EMBEDDING_SPREAD)));
                provenance.put("untrained_validation", untrained);
                // The same evaluation with the untrained encoder: what training added, on the same test writers.
                Evaluation beforeTraining = evaluate(model, val, test, e, dataset.root(), scorer);
                untrainedEvaluation = metricsDocument(e.threshold().type(),
                        Protocols.chosenOn(e.threshold().type(), beforeTraining.validation().size()), beforeTraining, 0);
                untrainedEvaluation.remove("split");
                provenance.put("untrained_test", untrainedEvaluation);
            }
            if (state.parameters() != null) {
                ModelFiles.loadParameters(model, state.parameters());
                if (head != null) {
                    ModelFiles.loadBlock(head, model.getNDManager(), ModelFiles.headFile(state.parameters()));
                }
                log.log("resumed from the checkpoint of epoch " + (state.firstEpoch() - 1)
                        + " (optimizer state starts afresh)");
            }
            RunTrainingContext trainer = new RunTrainingContext(model, loss, train, e, run, validator, log, options, state,
                    interrupt, head, untrainedValidation(provenance, ValidationKeys.EMBEDDING_SPREAD),
                    warning -> warn(warning, log, provenance, run));
            long trainingStart = System.nanoTime();
            e.training().plugin().train(e.training().config(), trainer);
            provenance.put("training_seconds", (System.nanoTime() - trainingStart) / 1e9
                    + ((Number) provenance.get("training_seconds", 0.0)).doubleValue());
            trainingRate(trainer.epochs(), state.firstEpoch(), provenance);
            if (interrupt.requested()) {
                provenance.put("best_epoch", trainer.bestEpoch);
                throw new RunInterruptedException(run);
            }
            provenance.put("best_epoch", trainer.bestEpoch);
            provenance.write(run.resolve(RunFiles.PROVENANCE));

            Path best = checkpoints.resolve("best.params");
            int evaluatedEpoch = trainer.lastEpoch;
            if (e.validation().select().equals("best") && Files.exists(best)) {
                ModelFiles.loadParameters(model, best);
                if (head != null) {
                    ModelFiles.loadBlock(head, model.getNDManager(), ModelFiles.headFile(best));
                }
                evaluatedEpoch = trainer.bestEpoch;
            }
            EpochRecord evaluated = trainer.epochRecord(evaluatedEpoch);
            double untrainedAuc = untrainedValidation(provenance, ValidationKeys.AUC);
            if (evaluated != null) {
                RunHealth.Warning worse = RunHealth.belowUntrained(evaluatedEpoch,
                        evaluated.validation().getOrDefault(ValidationKeys.AUC, Double.NaN), untrainedAuc);
                if (worse != null && e.encoderInit() != null) {
                    worse = new RunHealth.Warning(worse.check(), worse.epoch(), worse.message()
                            + " (the untrained baseline here is the encoder it was initialised from, encoder.init)");
                }
                if (worse != null) {
                    warn(worse, log, provenance, run);
                }
            }
            ModelFiles.saveParameters(model, run.resolve(RunFiles.MODEL).resolve("encoder.params"));
            if (head != null) {
                ModelFiles.saveBlock(head, run.resolve(RunFiles.MODEL).resolve("head.params"));
            }

            // 4. Scores on validation and test writers, threshold on validation only.
            Evaluation evaluation = evaluate(model, val, test, e, dataset.root(), scorer);
            provenance.performance("embeddings_per_second", Math.round(evaluation.embeddingsPerSecond() * 10) / 10.0);
            RunFiles.writeScores(run.resolve(RunFiles.SCORES_VAL), evaluation.validation());
            RunFiles.writeScores(run.resolve(RunFiles.SCORES_TEST), evaluation.test());
            Map<String, Object> document = metricsDocument(e.threshold().type(),
                    Protocols.chosenOn(e.threshold().type(), evaluation.validation().size()), evaluation, evaluatedEpoch);
            document.put("untrained", untrainedEvaluation);
            RunFiles.writeJson(run.resolve(RunFiles.METRICS), document);
            log.log(String.format("threshold %.4f (%s on %d validation pairs); test pairs: %d; test AUC %.3f, EER %.3f",
                    evaluation.threshold(), e.threshold().type(), evaluation.validation().size(),
                    evaluation.test().size(), evaluation.metrics().get("auc"), evaluation.metrics().get("eer")));
            log.log(String.format("test accuracy %.4f at the validation threshold; optimistic (threshold chosen on the "
                    + "test pairs, an upper bound): accuracy %.4f at %.4f", evaluation.metrics().get("accuracy"),
                    evaluation.optimistic().get("accuracy"), evaluation.optimistic().get("threshold")));
        }

        // 5. Plots and reports, from the stored run alone.
        drawPlots(run, e.plots(), log);
    }

    /** Samples per second over the epochs this session trained (not those a resumed run had), for provenance. */
    private static void trainingRate(List<EpochRecord> history, int firstEpoch, Provenance provenance) {
        long samples = 0;
        double seconds = 0;
        for (EpochRecord record : history) {
            if (record.epoch() >= firstEpoch) {
                samples += record.samples();
                seconds += record.seconds();
            }
        }
        if (seconds > 0) {
            provenance.performance("training_samples_per_second", Math.round(samples / seconds * 10) / 10.0);
        }
    }

    /** Logs a health warning and lists it under "health" in provenance.json at once. */
    private static void warn(RunHealth.Warning warning, RunLog log, Provenance provenance, Path run) {
        log.log("warning: " + warning.message());
        provenance.addHealth(warning.toJson());
        try {
            provenance.write(run.resolve(RunFiles.PROVENANCE));
        } catch (IOException failure) {
            throw new java.io.UncheckedIOException(failure);
        }
    }

    /**
     * A validation metric of the untrained encoder from provenance, or NaN when it was not
     * measured (runs from before the metric existed, resumed).
     */
    private static double untrainedValidation(Provenance provenance, String key) {
        Object untrained = provenance.get("untrained_validation", null);
        if (untrained instanceof Map<?, ?> map && map.get(key) instanceof Number value) {
            return value.doubleValue();
        }
        return Double.NaN;
    }

    void writeReports(Path folder, List<String> reportTypes, RunLog log) {
        for (String type : reportTypes) {
            siglab.api.eval.Reporter reporter = (siglab.api.eval.Reporter) plugins.find(Kind.REPORT, type).orElse(null);
            if (reporter == null) {
                log.log("warning: report " + type + " is no longer installed; skipped");
                continue;
            }
            try {
                log.log("report: " + reporter.report(folder));
            } catch (IOException | RuntimeException failure) {
                log.log("warning: report " + type + " failed: " + failure);
            }
        }
    }

    /**
     * Reads the images of each part's writers from the disk cache when the same files were
     * preprocessed with the same settings before, or decodes them once into it; records the data
     * manifest. The banks are views over one mapping of the cache file.
     */
    List<MemoryImageBank> decodeCached(List<List<Writer>> parts, ImagePreprocessor preprocessor,
            BoundExperiment e, Dataset dataset, RunLog log, Provenance provenance) throws IOException {
        List<Sample> all = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (List<Writer> part : parts) {
            int before = all.size();
            for (Writer writer : part) {
                all.addAll(writer.genuine());
                all.addAll(writer.forged());
            }
            sizes.add(all.size() - before);
        }
        Images images = images(all, preprocessor, e, dataset, log);
        provenance.put("dataset", images.manifest());
        return MemoryImageBank.views(e.image(), images.loaded().store(), all, images.loaded().stored(), sizes);
    }

    /**
     * Images ready for banks, and the manifest of the files they came from.
     *
     * @param inkCut how many images had more ink than the canvas ({@code preprocess: sigver}); 0 when read from the cache
     */
    private record Images(ImageCache.Loaded loaded, Map<String, Object> manifest, int used, int inkCut) {}

    /**
     * The images of {@code all}: from the cache file of their manifest and the image settings when
     * there is a valid one; else decoded in parallel, each written to that file as it is done. An
     * image that cannot be decoded stops the run, naming it, unless the experiment skips unreadable
     * images.
     */
    private Images images(List<Sample> all, ImagePreprocessor preprocessor, BoundExperiment e, Dataset dataset,
            RunLog log) throws IOException {
        Map<String, Object> manifest = Provenance.manifest(dataset, all);
        ImageCache images = new ImageCache(cacheDirectory().resolve("images"));
        Path file = images.file((String) manifest.get("sha256"), ImageCache.settingsKey(e.image()));
        int pixels = e.image().pixelCount();
        ConcurrentLinkedQueue<int[]> cut = new ConcurrentLinkedQueue<>();
        ImageCache.Decoder decoder = sample -> {
            ImagePreprocessor.Preprocessed image = preprocessor.process(sample.file());
            if (image.cut()) {
                cut.add(new int[] {image.inkHeight(), image.inkWidth()});
            }
            return image.pixels();
        };
        long start = System.nanoTime();
        ImageCache.Loaded loaded = ImageCache.load(file, all, pixels, decoder, warning -> log.log("warning: " + warning));
        if (loaded.cached()) {
            log.log(String.format("read %d preprocessed images from the cache %s in %.1f s", all.size(), file,
                    (System.nanoTime() - start) / 1e9));
            return new Images(loaded, manifest, all.size(), 0);
        }
        if (loaded.failures() > 0) {
            if (!e.skipUnreadable()) {
                throw new IOException(loaded.failures() + " image(s) cannot be decoded; the first: "
                        + loaded.firstFailure() + " (set dataset.skip-unreadable=true to skip them)");
            }
            log.log("warning: skipped " + loaded.failures() + " unreadable image(s); the first: " + loaded.firstFailure());
        }
        int used = all.size() - loaded.failures();
        warnIfCut(List.copyOf(cut), used, e.image(), log);
        log.log(String.format("decoded %d images in %.1f s", used, (System.nanoTime() - start) / 1e9));
        if (loaded.failures() > 0) {
            List<Sample> decoded = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (loaded.stored()[i] >= 0) {
                    decoded.add(all.get(i));
                }
            }
            manifest = Provenance.manifest(dataset, decoded);
        }
        return new Images(loaded, manifest, used, cut.size());
    }

    /**
     * Says, once, how many images had more ink than the canvas ({@code preprocess: sigver}) and the
     * largest ink box (height, width): the canvas that would have held them all.
     */
    private static void warnIfCut(List<int[]> cut, int images, ImageSettings image, RunLog log) {
        if (!cut.isEmpty()) {
            int tallest = cut.stream().mapToInt(box -> box[0]).max().orElse(0);
            int widest = cut.stream().mapToInt(box -> box[1]).max().orElse(0);
            log.log("warning: the ink of " + cut.size() + " of " + images + " images is larger than image.canvas "
                    + image.canvas() + " and was cut around its centre of mass (the largest ink box: " + tallest + " x "
                    + widest + " px); a canvas of at least that size keeps all the ink");
        }
    }

    /** A fresh loss of the experiment, or null when its training loop uses none. */
    static SiameseLoss createLoss(BoundExperiment e) {
        return e.loss() == null ? null : e.loss().plugin().create(e.loss().config(), e.distance());
    }

    /**
     * Scored validation and test pairs, the threshold chosen on validation pairs, the test metrics at
     * it, and the optimistic figures with a threshold chosen on the test pairs ({@link Protocols}).
     */
    record Evaluation(List<ScoredPair> validation, List<ScoredPair> test, double threshold,
            Map<String, Double> metrics, Map<String, Object> optimistic, double embeddingsPerSecond) {}

    private Evaluation evaluate(Model model, MemoryImageBank val, MemoryImageBank test, BoundExperiment e, Path root,
            Scorer scorer) {
        long start = System.nanoTime();
        float[][] valEmbeddings = Embedder.embed(model, val);
        float[][] testEmbeddings = Embedder.embed(model, test);
        double embedSeconds = (System.nanoTime() - start) / 1e9;
        List<ScoredPair> valPairs = EvaluationPairs.score(val, valEmbeddings, e.pairs(), scorer,
                root, new Random(e.seed() + 1));
        List<ScoredPair> testPairs = EvaluationPairs.score(test, testEmbeddings, e.pairs(), scorer, root,
                new Random(e.seed() + 2));
        double threshold = e.threshold().plugin().choose(e.threshold().config(), valPairs);
        Map<String, Double> metrics = computeMetrics(e.metrics(), testPairs, threshold);
        metrics.putAll(OneShot.accuracy(test, testEmbeddings, scorer, e.seed() + 4));
        return new Evaluation(valPairs, testPairs, threshold, metrics, Protocols.section(plugins, testPairs),
                (val.size() + test.size()) / Math.max(embedSeconds, 1e-9));
    }

    Map<String, Double> computeMetrics(List<String> metricTypes, List<ScoredPair> test, double threshold) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String type : metricTypes) {
            Metric metric = (Metric) plugins.find(Kind.METRIC, type).orElseThrow(
                    () -> new IllegalStateException("metric " + type + " was uninstalled during the run"));
            metrics.putAll(metric.compute(test, threshold));
        }
        return metrics;
    }

    /**
     * The content of metrics.json: the verification result (the threshold chosen without the test
     * pairs, and the test metrics at it) labelled with its protocol, then the optimistic figures in a
     * section of their own.
     *
     * @param chosenOn where the threshold came from, for {@code threshold_chosen_on}
     */
    static Map<String, Object> metricsDocument(String policy, String chosenOn, Evaluation evaluation,
            int evaluatedEpoch) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        evaluation.metrics().forEach((k, v) -> metrics.put(k, v == null || v.isNaN() ? null : v));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("split", "test");
        document.put("protocol", Protocols.HONEST);
        document.put("threshold", evaluation.threshold());
        document.put("policy", policy);
        document.put("threshold_chosen_on", chosenOn);
        document.put("epoch", evaluatedEpoch);
        document.put("metrics", metrics);
        document.put("optimistic", evaluation.optimistic());
        return document;
    }

    void drawPlots(Path run, List<String> plotTypes, RunLog log) throws IOException {
        drawPlots(run, plotTypes, log, RunFiles.readResults(run));
    }

    void drawPlots(Path run, List<String> plotTypes, RunLog log, RunResults results) throws IOException {
        Path plots = run.resolve(RunFiles.PLOTS);
        Files.createDirectories(plots);
        for (String type : plotTypes) {
            Plotter plotter = (Plotter) plugins.find(Kind.PLOT, type).orElse(null);
            if (plotter == null) {
                log.log("warning: plot " + type + " is no longer installed; skipped");
                continue;
            }
            Path file = plots.resolve(type + ".png");
            Path temporary = plots.resolve("." + type + ".tmp.png");
            try {
                plotter.plot(results, temporary);
                ModelFiles.move(temporary, file);
            } catch (IOException | RuntimeException failure) {
                log.log("warning: plot " + type + " failed: " + failure);
            }
        }
    }

    @Override
    public Path evaluate(Path run, siglab.core.EvaluationRequest request) throws Exception {
        if (!Files.isRegularFile(run.resolve(RunFiles.METRICS))) {
            throw new IllegalArgumentException(run + " is not a finished run (no metrics.json)");
        }
        BoundExperiment e = (BoundExperiment) resolve(run.resolve(RunFiles.CONFIG), List.of());
        JsonNode original = RunFiles.JSON.readTree(run.resolve(RunFiles.METRICS).toFile());
        Path folder = RunFiles.createRunFolder(run, "evaluations");
        List<ScoredPair> validation;
        List<ScoredPair> test;
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("run", run.toString());
        if (request.datasetType() != null) {
            test = scoreOtherDataset(run, e, request, about);
            validation = List.of();
        } else {
            validation = RunFiles.readScores(run.resolve(RunFiles.SCORES_VAL));
            test = RunFiles.readScores(run.resolve(RunFiles.SCORES_TEST));
        }
        double threshold;
        String policy;
        String chosenOn;
        if (request.threshold() != null) {
            threshold = request.threshold();
            policy = "fixed";
            chosenOn = "none: given on the command line";
        } else if (request.policy() != null && request.datasetType() == null) {
            @SuppressWarnings("unchecked")
            ThresholdPolicy<Record> chosen = (ThresholdPolicy<Record>) plugins.find(Kind.THRESHOLD, request.policy())
                    .orElseThrow(() -> new IllegalArgumentException("unknown threshold policy '" + request.policy()
                            + "'; installed: " + String.join(", ", plugins.types(Kind.THRESHOLD))));
            Record config = ConfigBinder.MAPPER.convertValue(request.policySettings(), chosen.configType());
            threshold = chosen.choose(config, validation);
            policy = request.policy();
            chosenOn = Protocols.chosenOn(policy, validation.size());
        } else {
            threshold = original.path("threshold").asDouble();
            policy = original.path("policy").asText() + " (the run's own)";
            chosenOn = "the run's: " + original.path("threshold_chosen_on").asText("validation writers");
        }
        // On another dataset the optimistic section holds that data's own best threshold and EER: how
        // separable it is, beside how the run's threshold transfers.
        Map<String, Object> document = metricsDocument(policy, chosenOn, new Evaluation(validation, test, threshold,
                computeMetrics(e.metrics(), test, threshold), Protocols.section(plugins, test), Double.NaN),
                original.path("epoch").asInt());
        document.put("evaluation", about);
        RunFiles.writeScores(folder.resolve(RunFiles.SCORES_TEST), test);
        if (!validation.isEmpty()) {
            RunFiles.writeScores(folder.resolve(RunFiles.SCORES_VAL), validation);
        }
        RunFiles.writeJson(folder.resolve(RunFiles.METRICS), document);
        RunResults results = new RunResults(e.name(), RunFiles.readHistory(run.resolve(RunFiles.HISTORY)), validation,
                test, threshold, policy, computeMetrics(e.metrics(), test, threshold));
        try (RunLog log = new RunLog(folder.resolve(RunFiles.LOG), false)) {
            log.log("evaluation of " + run + ": threshold " + threshold + " (" + policy + ")");
            drawPlots(folder, e.plots(), log, results);
            writeReports(folder, e.reports(), log);
        }
        return folder;
    }

    private List<ScoredPair> scoreOtherDataset(Path run, BoundExperiment e, siglab.core.EvaluationRequest request,
            Map<String, Object> about) throws Exception {
        @SuppressWarnings("unchecked")
        siglab.api.data.DatasetLoader<Record> loader = (siglab.api.data.DatasetLoader<Record>) plugins
                .find(Kind.DATASET, request.datasetType()).orElseThrow(() -> new IllegalArgumentException(
                        "unknown dataset type '" + request.datasetType() + "'; installed: "
                                + String.join(", ", plugins.types(Kind.DATASET))));
        Map<String, Object> settings = new LinkedHashMap<>();
        if (request.datasetRoot() != null) {
            settings.put("root", request.datasetRoot().toAbsolutePath().toString());
        }
        Record config = ConfigBinder.MAPPER.convertValue(settings, loader.configType());
        Path cache = cacheDirectory();
        Files.createDirectories(cache);
        List<String> messages = new ArrayList<>();
        Dataset dataset = loader.open(config, datasetContext(cache, messages::add));
        ImagePreprocessor preprocessor = new ImagePreprocessor(e.image());
        List<Sample> all = new ArrayList<>();
        for (Writer writer : dataset.writers()) {
            all.addAll(writer.genuine());
            all.addAll(writer.forged());
        }
        MemoryImageBank bank;
        Path quietLog = Files.createTempFile("siglab-eval", ".log");
        try (RunLog quiet = new RunLog(quietLog, false)) {
            Images images = images(all, preprocessor, e, dataset, quiet);
            if (images.inkCut() > 0) {
                about.put("canvas_cut", images.inkCut() + " of " + images.used() + " images had more ink than image.canvas "
                        + e.image().canvas());
            }
            about.put("dataset", images.manifest());
            bank = MemoryImageBank.views(e.image(), images.loaded().store(), all, images.loaded().stored(),
                    List.of(all.size())).get(0);
        } finally {
            Files.deleteIfExists(quietLog);
        }
        about.put("dataset_type", request.datasetType());
        about.put("warnings", dataset.warnings());
        try (LoadedEncoder encoder = loadEncoder(run, e)) {
            float[][] embeddings = Embedder.embed(encoder.model(), bank);
            if (request.pairs() != null) {
                about.put("pairs", request.pairs().toAbsolutePath().toString());
                return fixedPairs(request.pairs(), dataset.root(), bank, embeddings, encoder.scorer());
            }
            return EvaluationPairs.score(bank, embeddings, e.pairs(), encoder.scorer(), dataset.root(),
                    new Random(e.seed() + 3));
        }
    }

    /** Scores a fixed pair list (headerless CSV img1,img2,target; target 1 = forged) of a dataset. */
    private static List<ScoredPair> fixedPairs(Path csv, Path root, MemoryImageBank bank, float[][] embeddings,
            Scorer scorer) throws IOException {
        Map<Path, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < bank.size(); i++) {
            index.put(bank.sample(i).file().toAbsolutePath().normalize(), i);
        }
        Path base = root.toAbsolutePath().normalize();
        List<ScoredPair> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            List<String> cells = RunFiles.splitCsv(line);
            String where = csv + ":" + (n + 1) + ": ";
            if (cells.size() != 3 || !(cells.get(2).strip().equals("0") || cells.get(2).strip().equals("1"))) {
                throw new IllegalArgumentException(where + "expected img1,img2,target with target 0 or 1, got '" + line + "'");
            }
            Integer[] ends = new Integer[2];
            for (int k = 0; k < 2; k++) {
                Path file = base.resolve(cells.get(k).strip()).normalize();
                if (!file.startsWith(base)) {
                    throw new IllegalArgumentException(where + cells.get(k) + " is outside the dataset root " + base);
                }
                ends[k] = index.get(file);
                if (ends[k] == null) {
                    throw new IllegalArgumentException(where + cells.get(k) + " is not an image of the dataset");
                }
            }
            boolean forged = cells.get(2).strip().equals("1");
            pairs.add(new ScoredPair(cells.get(0).strip(), cells.get(1).strip(), bank.sample(ends[0]).writer(),
                    forged ? siglab.api.eval.PairKind.SKILLED : siglab.api.eval.PairKind.GENUINE,
                    scorer.score(embeddings[ends[0]], embeddings[ends[1]])));
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(csv + " lists no pairs");
        }
        return pairs;
    }

    /**
     * A finished run's encoder with its trained parameters, and how it scores a pair: by the
     * distance, or by its loss's learned head ({@code learnedHead}).
     */
    record LoadedEncoder(Model model, Scorer scorer, boolean learnedHead) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /** The encoder of a finished run, with its trained parameters (and its loss's head, if any). */
    private LoadedEncoder loadEncoder(Path run, BoundExperiment e) throws IOException {
        Model model = Model.newInstance("encoder");
        newEncoder(e, model);
        Path parameters = run.resolve(RunFiles.MODEL).resolve("encoder.params");
        ModelFiles.loadParameters(model, parameters);
        Block head = ModelFiles.initialiseHead(model, createLoss(e), e.image());
        if (head == null) {
            return new LoadedEncoder(model, Scorer.of(e.distance()), false);
        }
        ModelFiles.loadBlock(head, model.getNDManager(), ModelFiles.headFile(parameters));
        return new LoadedEncoder(model, Scorer.of(head, model.getNDManager()), true);
    }

    @Override
    public Map<String, Object> benchmark(Experiment experiment, BenchOptions options) throws Exception {
        return new Bench(this).measure((BoundExperiment) experiment, options);
    }

    @Override
    public double[] verify(Path run, Path imageA, Path imageB) throws Exception {
        BoundExperiment e = (BoundExperiment) resolve(run.resolve(RunFiles.CONFIG), List.of());
        ImagePreprocessor preprocessor = new ImagePreprocessor(e.image());
        float[][] pixels = {preprocessor.load(imageA), preprocessor.load(imageB)};
        try (LoadedEncoder encoder = loadEncoder(run, e)) {
            Model model = encoder.model();
            List<Sample> samples = List.of(new Sample("a", siglab.api.data.SampleKind.GENUINE, imageA),
                    new Sample("b", siglab.api.data.SampleKind.GENUINE, imageB));
            float[][] embeddings = Embedder.embed(model, MemoryImageBank.of(e.image(), samples, pixels));
            double distance = encoder.scorer().score(embeddings[0], embeddings[1]);
            double threshold = RunFiles.JSON.readTree(run.resolve(RunFiles.METRICS).toFile()).path("threshold").asDouble();
            return new double[] {distance, threshold};
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public siglab.core.TrainedEncoder trainedEncoder(Path run) throws Exception {
        Path parameters = run.resolve(RunFiles.MODEL).resolve("encoder.params");
        if (!Files.isRegularFile(parameters)) {
            throw new IllegalArgumentException(run + " has no trained encoder (no " + parameters + ")");
        }
        BoundExperiment e = (BoundExperiment) resolve(run.resolve(RunFiles.CONFIG), List.of());
        LoadedEncoder loaded = loadEncoder(run, e);
        return new siglab.core.TrainedEncoder(e.name(), e.yaml(), e.encoder().type(), e.encoder().plugin(),
                e.encoder().config(), e.image(), e.distance(), loaded.learnedHead(), e.dataset().type(),
                e.dataset().plugin(), loaded.model());
    }

    /**
     * A fresh encoder of the experiment, set as {@code model}'s block and initialised for the input
     * the image settings give the encoder ({@link ImageSettings#inputShape()}): crops with
     * {@code preprocess: sigver}, the whole box with {@code fit}.
     */
    static Block newEncoder(BoundExperiment e, Model model) {
        Block block = e.encoder().plugin().create(e.encoder().config(), e.image().inputShape());
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, batchOfOne(e.image()));
        return block;
    }

    /** The shape of a batch of one input image: (1, channels, height, width). */
    static Shape batchOfOne(ImageSettings image) {
        return new Shape(1).addAll(image.inputShape());
    }

}

package siglab.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.security.SecureRandom;
import siglab.api.eval.PairKind;
import siglab.api.eval.RunResults;
import siglab.api.eval.ScoredPair;
import siglab.api.model.EpochRecord;
import siglab.api.model.TrainingKeys;
import siglab.api.model.ValidationKeys;

/** The files of a run folder: how they are named, written (atomically) and read back. */
final class RunFiles {

    static final String CONFIG = "config.yaml";
    static final String PROVENANCE = "provenance.json";
    static final String HISTORY = "history.csv";
    static final String METRICS = "metrics.json";
    static final String LOG = "log.txt";
    static final String SCORES_VAL = "scores/val.csv";
    static final String SCORES_TEST = "scores/test.csv";
    static final String PLOTS = "plots";
    static final String MODEL = "model";
    static final String CHECKPOINTS = "checkpoints";

    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The first columns of history.csv, one per component of an {@link EpochRecord}. */
    static final List<String> HISTORY_EPOCH = List.of("epoch", "loss", "samples", "seconds");

    /** Validation columns of history.csv, in order; files written before 1.3 lack the last. */
    static final List<String> HISTORY_VALIDATION = List.of(ValidationKeys.TRIPLET_ACCURACY, ValidationKeys.AP_MEAN,
            ValidationKeys.AP_SD, ValidationKeys.AN_MEAN, ValidationKeys.AN_SD, ValidationKeys.AUC,
            ValidationKeys.TRIPLETS, ValidationKeys.EMBEDDING_SPREAD);

    /**
     * Training columns of history.csv, after the validation ones (so that the columns older files
     * have keep their places); any other statistic a loop reports follows, by name.
     */
    static final List<String> HISTORY_TRAINING = List.of(TrainingKeys.GRADIENT_NORM, TrainingKeys.GRADIENT_NORM_MAX,
            TrainingKeys.LEARNING_RATE);

    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunFiles() {}

    /**
     * Creates a new, empty run folder {@code experiments/<name>/<UTC time>-<random suffix>}. The
     * folder is created atomically, so two runs never share one, even when started in the same second.
     */
    static Path createRunFolder(Path experiments, String name) throws IOException {
        Path parent = experiments.resolve(name);
        Files.createDirectories(parent);
        for (int attempt = 0; attempt < 100; attempt++) {
            String id = RUN_TIME.format(Instant.now()) + "-" + String.format(Locale.ROOT, "%04x", RANDOM.nextInt(0x10000));
            Path run = parent.resolve(id);
            try {
                Files.createDirectory(run);
                return run;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another run took this id: draw again.
            }
        }
        throw new IOException("cannot create a unique run folder under " + parent);
    }

    /** Writes a file atomically: a temporary file beside it, then a rename. */
    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void writeJson(Path file, Object value) throws IOException {
        write(file, JSON.writeValueAsString(value) + "\n");
    }

    /** history.csv of {@code history}: a header, then one row per epoch; empty cells for missing values. */
    static String historyCsv(List<EpochRecord> history) {
        List<String> training = new ArrayList<>(HISTORY_TRAINING);
        java.util.SortedSet<String> extra = new java.util.TreeSet<>();
        history.forEach(r -> extra.addAll(r.training().keySet()));
        extra.removeAll(HISTORY_TRAINING);
        training.addAll(extra);
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", HISTORY_EPOCH)).append(',').append(String.join(",", HISTORY_VALIDATION))
                .append(',').append(String.join(",", training)).append('\n');
        for (EpochRecord record : history) {
            csv.append(record.epoch()).append(',').append(number(record.loss())).append(',').append(record.samples())
                    .append(',').append(number(record.seconds()));
            for (String key : HISTORY_VALIDATION) {
                Double value = record.validation().get(key);
                csv.append(',').append(value == null ? "" : number(value));
            }
            for (String key : training) {
                Double value = record.training().get(key);
                csv.append(',').append(value == null ? "" : number(value));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    static String number(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    /**
     * Reads history.csv back by its header, so files of any SigLab version read: a validation key
     * goes to {@link EpochRecord#validation()}, every other column after the first four to
     * {@link EpochRecord#training()}; empty cells are left out.
     */
    static List<EpochRecord> readHistory(Path file) throws IOException {
        List<EpochRecord> history = new ArrayList<>();
        if (!Files.exists(file)) {
            return history;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return history;
        }
        String[] header = lines.get(0).split(",", -1);
        if (header.length < HISTORY_EPOCH.size()
                || !List.of(header).subList(0, HISTORY_EPOCH.size()).equals(HISTORY_EPOCH)) {
            throw new IOException(file + ": the header must start with " + String.join(",", HISTORY_EPOCH)
                    + ", got " + lines.get(0));
        }
        java.util.Set<String> validationKeys = java.util.Set.copyOf(HISTORY_VALIDATION);
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            Map<String, Double> validation = new LinkedHashMap<>();
            Map<String, Double> training = new LinkedHashMap<>();
            try {
                for (int i = HISTORY_EPOCH.size(); i < header.length && i < cells.length; i++) {
                    if (!cells[i].isEmpty()) {
                        (validationKeys.contains(header[i]) ? validation : training)
                                .put(header[i], Double.parseDouble(cells[i]));
                    }
                }
                history.add(new EpochRecord(Integer.parseInt(cells[0]), parse(cells[1]), Long.parseLong(cells[2]),
                        parse(cells[3]), validation, training));
            } catch (RuntimeException bad) {
                throw new IOException(file + ":" + (n + 1) + ": not a history row (" + bad.getMessage() + "): " + line,
                        bad);
            }
        }
        return history;
    }

    private static double parse(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    static void writeScores(Path file, List<ScoredPair> pairs) throws IOException {
        StringBuilder csv = new StringBuilder("file_a,file_b,writer,kind,label,distance\n");
        for (ScoredPair pair : pairs) {
            csv.append(csvCell(pair.fileA())).append(',').append(csvCell(pair.fileB())).append(',')
                    .append(csvCell(pair.writer())).append(',').append(pair.kind().csvName()).append(',')
                    .append(pair.similar() ? 1 : 0).append(',').append(pair.distance()).append('\n');
        }
        write(file, csv.toString());
    }

    static List<ScoredPair> readScores(Path file) throws IOException {
        List<ScoredPair> pairs = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = splitCsv(line);
                pairs.add(new ScoredPair(cells.get(0), cells.get(1), cells.get(2),
                        PairKind.valueOf(cells.get(3).toUpperCase(Locale.ROOT)), Double.parseDouble(cells.get(5))));
            }
        }
        return pairs;
    }

    private static String csvCell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** Reads a finished run back: what plotters draw from. */
    static RunResults readResults(Path run) throws IOException {
        JsonNode metricsJson = JSON.readTree(run.resolve(METRICS).toFile());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metricsJson.path("metrics").fields().forEachRemaining(e ->
                metrics.put(e.getKey(), e.getValue().isNull() ? Double.NaN : e.getValue().asDouble()));
        JsonNode provenance = JSON.readTree(run.resolve(PROVENANCE).toFile());
        return new RunResults(provenance.path("name").asText(run.getParent().getFileName().toString()),
                readHistory(run.resolve(HISTORY)), readScores(run.resolve(SCORES_VAL)),
                readScores(run.resolve(SCORES_TEST)), metricsJson.path("threshold").asDouble(),
                metricsJson.path("policy").asText(), metrics);
    }
}

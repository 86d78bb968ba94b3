package siglab.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siglab.api.model.EpochRecord;
import siglab.api.model.TrainingKeys;
import siglab.api.model.ValidationKeys;

/** history.csv: written with training statistics, read back by header, older files included. */
class RunFilesTest {

    @TempDir
    Path folder;

    @Test
    void historyKeepsTrainingStatisticsApartFromValidationMetrics() throws IOException {
        EpochRecord first = new EpochRecord(1, 0.35, 256, 5.3,
                Map.of(ValidationKeys.AUC, 0.79, ValidationKeys.TRIPLETS, 1000.0, ValidationKeys.EMBEDDING_SPREAD, 0.32),
                Map.of(TrainingKeys.GRADIENT_NORM, 2.78, TrainingKeys.GRADIENT_NORM_MAX, 3.31,
                        TrainingKeys.LEARNING_RATE, 1.0E-3, "momentum", 0.9));
        EpochRecord second = new EpochRecord(2, 0.21, 256, 5.2, Map.of(ValidationKeys.AUC, 0.76));
        String csv = RunFiles.historyCsv(List.of(first, second));
        List<String> lines = csv.lines().toList();
        assertEquals("epoch,loss,samples,seconds,triplet_accuracy,ap_mean,ap_sd,an_mean,an_sd,auc,triplets,"
                + "embedding_spread,grad_norm,grad_norm_max,lr,momentum", lines.get(0));
        assertEquals("1,0.35,256,5.3,,,,,,0.79,1000.0,0.32,2.78,3.31,0.001,0.9", lines.get(1));
        assertEquals("2,0.21,256,5.2,,,,,,0.76,,,,,,", lines.get(2));

        Path file = folder.resolve("history.csv");
        Files.writeString(file, csv);
        assertEquals(List.of(first, second), RunFiles.readHistory(file));
    }

    /** A history.csv written before 1.3: no spread, no training columns. */
    @Test
    void anOlderHistoryReadsWithoutTrainingStatistics() throws IOException {
        Path file = folder.resolve("history.csv");
        Files.writeString(file, """
                epoch,loss,samples,seconds,triplet_accuracy,ap_mean,ap_sd,an_mean,an_sd,auc,triplets
                1,0.348,256,12.6,0.844,0.038,0.028,0.107,0.133,0.789,1000.0
                """);
        EpochRecord record = RunFiles.readHistory(file).get(0);
        assertEquals(1, record.epoch());
        assertEquals(0.348, record.loss());
        assertEquals(0.789, record.validation().get(ValidationKeys.AUC));
        assertEquals(7, record.validation().size());
        assertEquals(Map.of(), record.training());
    }

    @Test
    void aBrokenHistoryNamesTheFileAndLine() throws IOException {
        Path file = folder.resolve("history.csv");
        Files.writeString(file, "epoch,loss,samples,seconds,auc\n1,0.3,256,5.0,0.7\n2,0.2,many,5.0,0.8\n");
        IOException error = assertThrows(IOException.class, () -> RunFiles.readHistory(file));
        assertTrue(error.getMessage().startsWith(file + ":3: not a history row"), error.getMessage());

        Files.writeString(file, "loss,epoch\n0.3,1\n");
        error = assertThrows(IOException.class, () -> RunFiles.readHistory(file));
        assertTrue(error.getMessage().contains("the header must start with epoch,loss,samples,seconds"),
                error.getMessage());
    }
}

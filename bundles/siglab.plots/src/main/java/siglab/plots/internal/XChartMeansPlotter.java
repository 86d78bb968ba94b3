package siglab.plots.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.Plotter;
import siglab.api.eval.RunResults;
import siglab.api.model.ValidationKeys;

/**
 * The seed notebook's "means comparison": the mean validation distance of anchor-positive and of
 * anchor-negative pairs per epoch; training should push them apart.
 */
@Component(service = Plotter.class, property = {SigLab.TYPE + "=means",
    SigLab.DESCRIPTION + "=Mean anchor-positive and anchor-negative validation distances per epoch."})
public class XChartMeansPlotter implements Plotter {

    @Override
    public void plot(RunResults run, Path file) throws IOException {
        EpochLines.plot(run, file, "Means comparison", "Mean validation distance", List.of(
                new EpochLines.Line("anchor-positive mean", Figures.GENUINE,
                        EpochLines.validation(ValidationKeys.AP_MEAN)),
                new EpochLines.Line("anchor-negative mean", Figures.SKILLED,
                        EpochLines.validation(ValidationKeys.AN_MEAN))));
    }
}

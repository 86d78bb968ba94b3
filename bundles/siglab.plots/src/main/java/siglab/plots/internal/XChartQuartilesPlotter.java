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
 * The seed notebook's "quartile comparison": the upper spread of anchor-positive distances
 * (mean + SD) against the lower spread of anchor-negative distances (mean - SD) per epoch. When the
 * first line runs below the second, most pairs of the two kinds are separable.
 */
@Component(service = Plotter.class, property = {SigLab.TYPE + "=quartiles",
    SigLab.DESCRIPTION + "=Anchor-positive mean+SD against anchor-negative mean-SD per epoch."})
public class XChartQuartilesPlotter implements Plotter {

    @Override
    public void plot(RunResults run, Path file) throws IOException {
        EpochLines.plot(run, file, "Quartile comparison", "Validation distance", List.of(
                new EpochLines.Line("anchor-positive mean + SD", Figures.GENUINE,
                        epoch -> EpochLines.validation(ValidationKeys.AP_MEAN).applyAsDouble(epoch)
                                + EpochLines.validation(ValidationKeys.AP_SD).applyAsDouble(epoch)),
                new EpochLines.Line("anchor-negative mean - SD", Figures.SKILLED,
                        epoch -> EpochLines.validation(ValidationKeys.AN_MEAN).applyAsDouble(epoch)
                                - EpochLines.validation(ValidationKeys.AN_SD).applyAsDouble(epoch))));
    }
}

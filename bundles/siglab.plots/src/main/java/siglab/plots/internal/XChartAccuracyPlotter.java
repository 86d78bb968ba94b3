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
 * The seed notebook's accuracy: the share of validation triplets with d(anchor, positive) below
 * d(anchor, negative), per epoch.
 */
@Component(service = Plotter.class, property = {SigLab.TYPE + "=accuracy",
    SigLab.DESCRIPTION + "=Validation triplet accuracy per epoch."})
public class XChartAccuracyPlotter implements Plotter {

    @Override
    public void plot(RunResults run, Path file) throws IOException {
        EpochLines.plot(run, file, "Validation triplet accuracy", "Share of triplets with d(A,P) < d(A,N)",
                List.of(new EpochLines.Line("triplet accuracy", Figures.ACCENT,
                        EpochLines.validation(ValidationKeys.TRIPLET_ACCURACY))));
    }
}

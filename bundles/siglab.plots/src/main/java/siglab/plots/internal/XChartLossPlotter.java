package siglab.plots.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.eval.Plotter;
import siglab.api.eval.RunResults;
import siglab.api.model.EpochRecord;

/** The mean training loss of each epoch. */
@Component(service = Plotter.class, property = {SigLab.TYPE + "=loss",
    SigLab.DESCRIPTION + "=Mean training loss per epoch."})
public class XChartLossPlotter implements Plotter {

    @Override
    public void plot(RunResults run, Path file) throws IOException {
        EpochLines.plot(run, file, "Training loss", "Mean loss",
                List.of(new EpochLines.Line("training loss", Figures.GENUINE, EpochRecord::loss)));
    }
}

package siglab.core.internal;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import siglab.api.model.Progress;

/** A progress bar on standard error (me.tongfei.progressbar), or nothing when quiet. */
final class ConsoleProgress implements Progress {

    private final ProgressBar bar;

    private ConsoleProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress open(String task, long total, boolean quiet) {
        if (quiet) {
            return new Progress() {
                @Override
                public void step(long steps, String status) {}

                @Override
                public void close() {}
            };
        }
        PrintStream err = System.err;
        boolean terminal = System.console() != null;
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(terminal ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                // Redirected to a file, a bar redrawn with carriage returns is noise: a line every 10 s.
                .setUpdateIntervalMillis(terminal ? 200 : 10_000)
                .setConsumer(terminal ? new ConsoleProgressBarConsumer(err)
                        : new DelegatingProgressBarConsumer(err::println, 100))
                .setSpeedUnit(ChronoUnit.SECONDS)
                .showSpeed()
                .setUnit(" batches", 1)
                .setMaxRenderedLength(100)
                .continuousUpdate()
                .build();
        return new ConsoleProgress(bar);
    }

    @Override
    public void step(long steps, String status) {
        bar.stepBy(steps);
        if (status != null) {
            bar.setExtraMessage(" " + status);
        }
    }

    @Override
    public void close() {
        bar.close();
    }
}

package siglab.data.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import siglab.api.data.DatasetContext;

/** A dataset context over temporary folders that keeps the log lines for assertions. */
final class TestContext implements DatasetContext {
    private final Path cache;
    private final Path base;
    final List<String> log = new ArrayList<>();

    TestContext(Path cache, Path base) {
        this.cache = cache;
        this.base = base;
    }

    @Override
    public Path cacheDirectory() {
        return cache;
    }

    @Override
    public Path baseDirectory() {
        return base;
    }

    @Override
    public void log(String message) {
        log.add(message);
    }
}

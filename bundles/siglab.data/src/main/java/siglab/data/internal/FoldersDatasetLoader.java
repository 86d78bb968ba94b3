package siglab.data.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import siglab.api.SigLab;
import siglab.api.data.Dataset;
import siglab.api.data.DatasetContext;
import siglab.api.data.DatasetLoader;

/**
 * Opens a dataset in the generic layout, {@code <root>/<writer>/genuine/*} and
 * {@code <root>/<writer>/forged/*}: writers sorted by folder name, files by file name. Images are
 * listed, not decoded; writers without genuine images are skipped with a warning.
 */
@Component(service = DatasetLoader.class, property = {
    SigLab.TYPE + "=folders",
    SigLab.DESCRIPTION + "=Reads any dataset laid out as <root>/<writer>/genuine/* and <root>/<writer>/forged/*."})
public final class FoldersDatasetLoader implements DatasetLoader<FoldersConfig> {

    @Override
    public Class<FoldersConfig> configType() {
        return FoldersConfig.class;
    }

    @Override
    public Dataset open(FoldersConfig config, DatasetContext context) throws IOException {
        if (config.root() == null) {
            throw new IOException("dataset root is required for type folders; "
                    + GenericLayout.EXPECTED);
        }
        Path root = context.baseDirectory().resolve(config.root()).toAbsolutePath().normalize();
        GenericLayout.Contents contents = GenericLayout.read(root);
        return new Dataset(root, contents.writers(), Map.of("layout", "generic"), contents.warnings());
    }
}

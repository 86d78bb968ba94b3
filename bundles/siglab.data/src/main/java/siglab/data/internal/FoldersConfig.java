package siglab.data.internal;

import siglab.api.Doc;

/**
 * Where a dataset in the generic layout lives: {@code <root>/<writer>/genuine/*} and
 * {@code <root>/<writer>/forged/*}.
 *
 * @param root the dataset's folder; relative paths are resolved against the experiment's folder
 */
@Doc("A dataset laid out as <root>/<writer>/genuine/* and <root>/<writer>/forged/*.")
public record FoldersConfig(
        @Doc("The dataset folder (required); relative paths are resolved against the experiment's folder.")
                String root) {

    public FoldersConfig {
        // Required, but checked when the dataset is opened: the all-null record shows the defaults.
        if (root != null && root.isBlank()) {
            root = null;
        }
    }
}

package siglab.data.internal;

import siglab.api.Doc;

/**
 * Where a dataset in the seed notebook's layout lies: {@code <root>/person<X>/Train/} and
 * {@code <root>/person<X>/Test/}, each with images and one CSV of file name and real|forged.
 *
 * @param root the folder holding the {@code person<X>} folders; relative paths are resolved
 *     against the experiment's folder
 */
@Doc("The seed notebook's folders: <root>/person<X>/Train|Test/ with images and a CSV of file name, real|forged.")
public record SeedFoldersConfig(
        @Doc("The folder holding person<X>/ folders (required); relative paths are resolved against the experiment's folder.")
                String root) {

    public SeedFoldersConfig {
        // Required, but checked when the dataset is opened: the all-null record shows the defaults.
        root = root == null || root.isBlank() ? null : root;
    }
}

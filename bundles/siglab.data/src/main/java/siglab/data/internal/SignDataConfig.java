package siglab.data.internal;

import siglab.api.Doc;

/**
 * Where a Kaggle {@code sign_data} split lies (ICDAR 2011 SigComp, Dutch), and the optional files
 * that come with it.
 *
 * @param root one split folder, holding {@code <id>/} genuine and {@code <id>_forg/} forged
 *     images; relative paths are resolved against the experiment's folder
 * @param pairs a headerless CSV {@code img1,img2,target} of pairs in this split (target 1 = forged
 *     pair, 0 = genuine pair; image paths relative to the root), or null
 * @param reference another split folder (usually the train folder) whose images must not reappear
 *     in this one, or null
 */
@Doc("Kaggle sign_data (ICDAR 2011 SigComp, Dutch): <root>/<id>/ genuine and <root>/<id>_forg/ forgeries.")
public record SignDataConfig(
        @Doc("One split folder holding <id>/ and <id>_forg/ (required); relative paths are resolved against the experiment's folder.")
                String root,
        @Doc("Optional headerless CSV img1,img2,target (1 = forged pair, 0 = genuine pair), image paths relative to the root; checked when the dataset opens.")
                String pairs,
        @Doc("Optional other split folder (such as train/): warns when images of this split are byte-identical to images there.")
                String reference) {

    public SignDataConfig {
        // The root is required, but checked when the dataset is opened: the all-null record shows the defaults.
        root = blankToNull(root);
        pairs = blankToNull(pairs);
        reference = blankToNull(reference);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package siglab.training.internal;

import siglab.api.Doc;

/**
 * Random distortions of training images, applied to the cached pixels (never by decoding again).
 * Each image of a batch is distorted with probability {@code probability}; each distortion draws
 * its amount uniformly from [-x, x]. All amounts 0 (the default) turn augmentation off.
 *
 * @param probability chance that one image is distorted
 * @param rotation largest rotation, in degrees
 * @param scale largest relative change of size (0.1: 90% to 110%)
 * @param shear largest horizontal shear, in degrees
 * @param translate largest shift, as a fraction of the image's width and height
 * @param stroke largest change of stroke width, in pixels of grey dilation (thicker) or erosion
 */
@Doc("Random distortions of training images (rotation, scale, shear, translation, stroke width), applied to the cached pixels.")
public record AugmentConfig(
        @Doc("Chance that one training image is distorted.")
        Double probability,
        @Doc("Largest rotation, in degrees.")
        Double rotation,
        @Doc("Largest relative change of size, e.g. 0.1 for 90% to 110%.")
        Double scale,
        @Doc("Largest horizontal shear, in degrees.")
        Double shear,
        @Doc("Largest shift, as a fraction of the image's width and height.")
        Double translate,
        @Doc("Largest change of stroke width, in pixels: dilation makes strokes thicker, erosion thinner.")
        Integer stroke) {

    public AugmentConfig {
        probability = probability == null ? 0.5 : probability;
        rotation = rotation == null ? 0.0 : rotation;
        scale = scale == null ? 0.0 : scale;
        shear = shear == null ? 0.0 : shear;
        translate = translate == null ? 0.0 : translate;
        stroke = stroke == null ? 0 : stroke;
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(
                    "augment.probability must be in [0, 1], got " + probability);
        }
        if (!(rotation >= 0 && rotation <= 180)) {
            throw new IllegalArgumentException(
                    "augment.rotation must be in [0, 180] degrees, got " + rotation);
        }
        if (!(scale >= 0 && scale < 1)) {
            throw new IllegalArgumentException("augment.scale must be in [0, 1), got " + scale);
        }
        if (!(shear >= 0 && shear < 60)) {
            throw new IllegalArgumentException(
                    "augment.shear must be in [0, 60) degrees, got " + shear);
        }
        if (!(translate >= 0 && translate < 0.5)) {
            throw new IllegalArgumentException(
                    "augment.translate must be in [0, 0.5), got " + translate);
        }
        if (stroke < 0 || stroke > 5) {
            throw new IllegalArgumentException(
                    "augment.stroke must be between 0 and 5 pixels, got " + stroke);
        }
    }

    /** Whether any image can change. */
    boolean enabled() {
        return probability > 0
                && (rotation > 0 || scale > 0 || shear > 0 || translate > 0 || stroke > 0);
    }
}

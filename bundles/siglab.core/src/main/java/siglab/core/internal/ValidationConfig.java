package siglab.core.internal;

import siglab.api.Doc;

/** The per-epoch validation on validation writers. */
@Doc("Per-epoch validation on validation writers.")
public record ValidationConfig(
        @Doc("Validation triplets scored after every epoch (a fixed, seeded set).") Integer triplets,
        @Doc("Evaluate the test writers with the 'best' epoch (by validation AUC) or the 'last'.") String select) {

    public ValidationConfig {
        triplets = triplets == null ? 1000 : triplets;
        select = select == null ? "best" : select;
        if (triplets < 10) {
            throw new IllegalArgumentException("triplets must be at least 10, was " + triplets);
        }
        if (!select.equals("best") && !select.equals("last")) {
            throw new IllegalArgumentException("select must be best or last, was '" + select + "'");
        }
    }
}

/** Losses on embeddings registered as {@link siglab.api.model.LossFactory} services. */
package siglab.losses.internal;

/** Training loops registered as {@link siglab.api.model.TrainingLoop} services. */
package siglab.training.internal;

/** Encoder architectures registered as {@link siglab.api.model.EncoderFactory} services. */
package siglab.encoders.internal;

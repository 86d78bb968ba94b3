/** Verification and ranking metrics on scored pairs, and the policies that pick a threshold. */
package siglab.metrics.internal;

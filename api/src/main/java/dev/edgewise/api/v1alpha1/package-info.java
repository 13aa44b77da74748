/**
 * The {@code edgewise.dev/v1alpha1} API: {@link dev.edgewise.api.v1alpha1.EdgeNodePool} and {@link
 * dev.edgewise.api.v1alpha1.ModelDeployment}. The CRDs in {@code crds/} are generated from these
 * types; every field's description becomes the schema's, so {@code kubectl explain} documents the
 * API.
 */
package dev.edgewise.api.v1alpha1;

/**
 * Admission for the sandbox: validates custom resources against their generated CRDs the way
 * kube-apiserver does (strict field validation, structural defaults, OpenAPI schema, CEL rules),
 * because the fabric8 mock API server has no admission of its own. Entry point: {@link
 * dev.edgewise.sandbox.admission.CrdSchemaValidator}.
 */
package dev.edgewise.sandbox.admission;

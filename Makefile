# Edgewise: run `make help` for the targets.
SHELL := /bin/bash
MVN ?= mvn -B
ROOT := $(abspath .)
OPERATOR_JAR := operator/target/quarkus-app/quarkus-run.jar
SANDBOX_JAR := sandbox/target/edgewise-sandbox.jar
TOPOLOGY ?=
NODE ?=

.DEFAULT_GOAL := help

##@ General

.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*##"; printf "Usage: make \033[36m<target>\033[0m\n"} /^[a-zA-Z0-9_-]+:.*?##/ { printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2 } /^##@/ { printf "\n\033[1m%s\033[0m\n", substr($$0, 5) }' $(MAKEFILE_LIST)

##@ Build and test

.PHONY: build
build: ## Build every module (formatting checked, tests skipped).
	$(MVN) -q install -DskipTests

.PHONY: test
test: ## Build and run every test, and check that the generated CRDs are in sync; then the OIP conformance tests (make conformance).
	$(MVN) install
	$(MAKE) conformance PYTEST_ARGS='$(CONFORMANCE_IN_TEST)'

# The models whose conformance runs in `make test` (one runtime JVM each): every shape of the
# protocol, kept small for the budget; the datatype models' parity over HTTP is FixtureModelsHttpTest's,
# and `make conformance` / `make conformance-all` run every model.
CONFORMANCE_IN_TEST ?= -k "digits or two_inputs or dict_outputs or mobilenet or text_langid"

.PHONY: format
format: ## Format the Java sources (the build fails on unformatted code).
	$(MVN) -q spotless:apply

.PHONY: crds
crds: ## Regenerate crds/ and charts/edgewise/crds/ from the API types.
	$(MVN) -q -pl api install -DskipTests
	$(MVN) -q -pl api test-compile exec:java@generate-crds

##@ Run

.PHONY: run
# How long a simulated pod of `make run` takes to become ready: about what an edge runtime needs to
# start and load its model, so that a canary's steps can be watched (the tests' topology says 500).
POD_START_MS ?= 3000

run: build ## Run the sandbox cluster and the operator against it, two JVMs, the samples applied (operator log: .sandbox/operator.log; Ctrl-C stops both; POD_START_MS=3000).
	@POD_START_MS=$(POD_START_MS) bash sandbox/run.sh $(SANDBOX_JAR) $(OPERATOR_JAR) $(ROOT)/config/samples $(ROOT)/.sandbox $(TOPOLOGY)

.PHONY: run-cluster
run-cluster: build ## Run the operator against the cluster of your current kubeconfig.
	java -jar $(OPERATOR_JAR)

.PHONY: node-down
node-down: ## Disconnect a sandbox node: make node-down NODE=edge-north-2
	@test -n "$(NODE)" || (echo "usage: make node-down NODE=<node>" && exit 2)
	KUBECONFIG=$(ROOT)/.sandbox/kubeconfig kubectl annotate node $(NODE) sandbox.edgewise.dev/connected=false --overwrite

.PHONY: node-up
node-up: ## Reconnect a sandbox node: make node-up NODE=edge-north-2
	@test -n "$(NODE)" || (echo "usage: make node-up NODE=<node>" && exit 2)
	KUBECONFIG=$(ROOT)/.sandbox/kubeconfig kubectl annotate node $(NODE) sandbox.edgewise.dev/connected=true --overwrite

include Makefile.runtime
include Makefile.planner
include Makefile.packaging
include Makefile.scale
include Makefile.local
include Makefile.tools
include Makefile.models
include Makefile.conformance

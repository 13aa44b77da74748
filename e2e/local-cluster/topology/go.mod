// Turns a sandbox topology (cluster.yaml: node groups and behaviour) into KWOK nodes and stages.
module edgewise.dev/e2e/local-cluster/topology

go 1.26.0

require (
	sigs.k8s.io/kwok v0.8.0
	sigs.k8s.io/yaml v1.6.0
)

require go.yaml.in/yaml/v2 v2.4.3 // indirect

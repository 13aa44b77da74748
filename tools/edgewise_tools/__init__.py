"""edgewise-tools: the cloud side of Edgewise (train, compress and evaluate with PyTorch).

The commands write standard TorchScript that the edge runtime (DJL with libtorch) loads, and JSON
manifests with the same field names as the Java tools the operator already reads.
"""

__version__ = "0.2.0"

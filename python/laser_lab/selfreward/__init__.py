"""Self-reward scoring shared by `laser_lab.score`, `laser_lab.generate` and `laser_lab.export_onnx`."""

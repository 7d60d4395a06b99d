"""The reference LaSeR trainer (`python -m laser_lab.train`)."""

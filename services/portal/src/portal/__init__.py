"""The portal service of the booking factory."""

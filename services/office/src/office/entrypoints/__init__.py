"""Ways into the office service: HTTP routes."""

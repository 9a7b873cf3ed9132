"""Ways into the office service: HTTP routes and the demo seed."""

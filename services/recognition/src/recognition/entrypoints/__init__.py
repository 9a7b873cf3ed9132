"""Entry points: the Kafka handlers and the command line."""

"""Ways in: Kafka subscribers, the evaluation and the exchange-rate CLI."""

"""The evaluation corpus (generated invoices with ground truth), the scorer and the benchmark."""

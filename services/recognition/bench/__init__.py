"""Recognition beside the service, not shipped (issue 19 item 6): the generated corpus (facts, layouts, degrade,
generate; committed truth in tests/corpus/generated), its scorer and eval (`make eval-generated`), the bench
(`make bench-recognition`), the corpus-dev eval (`make eval`) and the re-ranker's training (`make train-recognition`)."""

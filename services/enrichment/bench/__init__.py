"""`make eval-enrichment`: a synthetic year of three dossiers replayed through the service's own use cases."""

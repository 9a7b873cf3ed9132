"""Pure model of recognition: values, parsing of amounts and dates, identifiers, field finders."""

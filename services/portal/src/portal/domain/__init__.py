"""Pure portal model: sessions, CSRF, languages, what a user may reach. No I/O."""

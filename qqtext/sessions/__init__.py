"""Sessions: interactive quizzes, the results store, review (错题本), trainer reports and self-checks."""

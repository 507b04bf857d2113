"""Client projects: storage, history, stakeholders' weights and evaluations."""

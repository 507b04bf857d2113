"""The job queue: procrastinate on PostgreSQL, with `shortlist worker` processes on any host."""

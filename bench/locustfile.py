"""The Locust peer of the benchmark: users that GET / back to back, like wrk's connections."""
from locust import FastHttpUser, task


class Root(FastHttpUser):
    @task
    def root(self):
        self.client.get("/")
